import { z } from 'zod';

/**
 * What every activity from a channel carries and the bot relies on; anything less is refused with
 * a 400 before botbuilder or the bot touch it (botbuilder itself only checks for an object).
 */
export const activityShape = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  from: z.looseObject({ id: z.string().min(1) }),
  recipient: z.looseObject({ id: z.string().min(1) }),
  conversation: z.looseObject({ id: z.string().min(1), tenantId: z.unknown().optional() }),
  channelData: z.unknown().optional(),
});
export type ActivityShape = z.infer<typeof activityShape>;

/**
 * activityShape's answer, checked by hand: this runs on every request, where zod's walk of the
 * whole activity was 2 % of a status lookup's CPU. zod still names what is wrong with a refused
 * body (`shapeFaults`); tests/activity-shape.test.ts holds the two to the same answer.
 */
export function hasActivityShape(body: unknown): body is ActivityShape {
  return (
    isObject(body) &&
    isFilled(body.type) &&
    isFilled(body.channelId) &&
    isFilled(body.serviceUrl) &&
    isObject(body.from) &&
    isFilled(body.from.id) &&
    isObject(body.recipient) &&
    isFilled(body.recipient.id) &&
    isObject(body.conversation) &&
    isFilled(body.conversation.id)
  );
}

/** The fields of a body that is no activity, as the 400 names them ('body' for the whole). */
export function shapeFaults(body: unknown): string[] {
  const shape = activityShape.safeParse(body);
  return shape.success ? [] : [...new Set(shape.error.issues.map((i) => i.path.join('.') || 'body'))];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFilled(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
