import { describe, expect, it } from 'vitest';
import { activityShape, hasActivityShape, shapeFaults } from '../bot/activity-shape.js';
import { seededRandom } from './fixtures/random-histories.js';

// The edge checks each request's shape by hand (bot/activity-shape.ts) and asks zod only to name
// what is wrong: the two must agree on every body, valid or not.

const VALID = {
  type: 'message',
  id: 'a1',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  from: { id: '29:abc', aadObjectId: 'aad-1', name: 'Sanne' },
  recipient: { id: '28:aanzet', name: 'AanZet' },
  conversation: { id: '19:x@thread.tacv2', conversationType: 'channel', tenantId: 't1' },
  channelData: { tenant: { id: 't1' } },
  text: 'status LEK-2026-0001',
};
const PATHS = [
  [],
  ['type'],
  ['channelId'],
  ['serviceUrl'],
  ['from'],
  ['from', 'id'],
  ['recipient'],
  ['recipient', 'id'],
  ['conversation'],
  ['conversation', 'id'],
  ['conversation', 'tenantId'],
  ['channelData'],
  ['text'],
] as const;
const ODD_VALUES = [undefined, null, '', 'x', 0, 7, true, [], ['x'], {}, { id: 'x' }, { id: '' }];

/** VALID with the value at `path` replaced (undefined: the key left out). */
function changed(path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const body = structuredClone(VALID) as Record<string, unknown>;
  let at = body;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return body;
}

describe('the shape of an activity at the edge', () => {
  it('is checked by hand as zod checks it, for a valid activity and each field missing or of another type', () => {
    expect(hasActivityShape(VALID)).toBe(true);
    let refused = 0;
    for (const path of PATHS)
      for (const value of ODD_VALUES) {
        const body = changed(path, value);
        const zod = activityShape.safeParse(body).success;
        expect(hasActivityShape(body), `${path.join('.') || 'body'} = ${JSON.stringify(value)}`).toBe(zod);
        if (!zod) refused++;
      }
    expect(refused).toBeGreaterThan(50);
  });

  it('agrees with zod on random bodies with two or three fields changed', () => {
    const random = seededRandom(5);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    for (let i = 0; i < 3_000; i++) {
      const body = structuredClone(VALID);
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--)
        mergeChange(body, pick(PATHS.slice(1)), pick(ODD_VALUES));
      expect(hasActivityShape(body), JSON.stringify(body)).toBe(activityShape.safeParse(body).success);
    }
  });

  it('names the fields that make a body no activity', () => {
    expect(shapeFaults(VALID)).toEqual([]);
    expect(shapeFaults(changed(['from', 'id'], ''))).toEqual(['from.id']);
    expect(shapeFaults(changed(['conversation'], undefined))).toEqual(['conversation']);
    expect(shapeFaults([])).toEqual(['body']);
  });
});

/** Changes the value at `path` in place, where its parent is still an object. */
function mergeChange(body: object, path: readonly string[], value: unknown): void {
  let at = body as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    const inner = at[key];
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return;
    at = inner as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = structuredClone(value);
}
