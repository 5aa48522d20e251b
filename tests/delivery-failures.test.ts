import { describe, expect, it } from 'vitest';
import { goneError, reachedError, readFailure } from '../casework/reminders/delivery-failures.js';

describe('why a delivery failed, as stored and as read back', () => {
  it('reads a reroute, an undeliverable message and anything else', () => {
    expect(readFailure(goneError('ConversationBlockedByUser', 2))).toEqual({
      type: 'rerouted',
      code: 'ConversationBlockedByUser',
      to: 2,
    });
    expect(readFailure(goneError('NoConversation', 0))).toEqual({
      type: 'undeliverable',
      code: 'NoConversation',
    });
    expect(readFailure(reachedError('ConversationNotFound'))).toEqual({
      type: 'reached',
      code: 'ConversationNotFound',
    });
    expect(readFailure('503 ServiceError after 5 attempts')).toEqual({
      type: 'failed',
      detail: '503 ServiceError after 5 attempts',
    });
  });
});
