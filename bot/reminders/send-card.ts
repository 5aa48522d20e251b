import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';

/** A send that has not settled by then counts as failed (the deliverer retries it). */
const SEND_TIMEOUT_MS = 30_000;

/** Posts an Adaptive Card into the conversation; throws the connector's error (what classifyHttpError reads). */
export async function sendCard(
  adapter: CloudAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  card: object,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('send timed out'), { code: 'ETIMEDOUT' })),
      SEND_TIMEOUT_MS,
    );
  });
  // The adapter hands errors inside the turn to onTurnError, which logs and swallows them:
  // the send's own error is kept here so the deliverer can tell throttled from gone.
  let failure: unknown;
  try {
    await Promise.race([
      adapter.continueConversationAsync(appId, reference, async (context) => {
        try {
          await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
        } catch (error) {
          failure = error;
        }
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
  if (failure !== undefined) throw failure;
}
