import { describe, expect, type TestAPI } from 'vitest';
import type { SendPace, Store } from '../casework/ports.js';

// Outbox.leaseSender / releaseSender, part of the storage contract (called from storageContract
// for every engine): one holder at a time has the turn to send, and the pace of its sends
// passes to the next holder (bot/reminders/sender-turn.ts).

const pace = (by: string, at: number): SendPace => ({
  by,
  conversations: { 'a:chat-1': [at - 500, at] },
  tenants: { 'tenant-1': [at] },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function senderContract(it: TestAPI<{ store: Store }>): void {
  describe("the sender's turn", () => {
    it('goes to one holder at a time, who renews it', async ({ store }) => {
      expect(await store.outbox.leaseSender('one', 60_000)).toEqual({ pace: null });
      expect(await store.outbox.leaseSender('two', 60_000)).toBeUndefined();
      expect(await store.outbox.leaseSender('one', 60_000, pace('one', 1_000))).toEqual({
        pace: pace('one', 1_000),
      });
      expect(await store.outbox.leaseSender('two', 60_000)).toBeUndefined();
    });

    it('passes, once ended, to the next holder with the pace the last one left', async ({ store }) => {
      await store.outbox.leaseSender('one', 60_000);
      await store.outbox.releaseSender('two', pace('two', 5)); // not its turn: changes nothing
      expect(await store.outbox.leaseSender('two', 60_000)).toBeUndefined();
      await store.outbox.releaseSender('one', pace('one', 2_000));
      expect(await store.outbox.leaseSender('two', 60_000)).toEqual({ pace: pace('one', 2_000) });
      expect(await store.outbox.leaseSender('one', 60_000)).toBeUndefined();
    });

    it('passes to another holder when it was not renewed in time, with the last renewal’s pace', async ({
      store,
    }) => {
      await store.outbox.leaseSender('one', 60_000);
      await store.outbox.leaseSender('one', 100, pace('one', 3_000)); // then "dies"
      expect(await store.outbox.leaseSender('two', 60_000)).toBeUndefined();
      await sleep(150);
      expect(await store.outbox.leaseSender('two', 60_000)).toEqual({ pace: pace('one', 3_000) });
      // The dead holder, back, finds the turn taken and cannot end it.
      expect(await store.outbox.leaseSender('one', 60_000)).toBeUndefined();
      await store.outbox.releaseSender('one', pace('one', 4_000));
      expect(await store.outbox.leaseSender('three', 60_000)).toBeUndefined();
    });

    it('goes to exactly one of several holders asking at once', async ({ store }) => {
      const holders = ['a', 'b', 'c', 'd', 'e'];
      const answers = await Promise.all(holders.map((h) => store.outbox.leaseSender(h, 60_000)));
      expect(answers.filter((a) => a !== undefined)).toHaveLength(1);
    });
  });
}
