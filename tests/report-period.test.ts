import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../casework/reads/period.js';

// The period a coordinator types after `rapportage`.

const TODAY = '2026-05-14';

describe('the report period', () => {
  it.each([
    ['', '2026-05-01', '2026-05-31'],
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-q4', '2026-10-01', '2026-12-31'],
    ['2026', '2026-01-01', '2026-12-31'],
    ['2026-01-01 2026-03-31', '2026-01-01', '2026-03-31'],
    ['  2026-03-09   2026-03-09 ', '2026-03-09', '2026-03-09'],
    ['2016-01-01 2025-12-31', '2016-01-01', '2025-12-31'],
  ])('reads "%s" as %s to %s', (text, from, to) => {
    expect(parsePeriod(text, TODAY)).toEqual({ ok: true, period: { from, to } });
  });

  it.each([
    'maart',
    '2026-13',
    '2026-Q5',
    '2026-02-30 2026-03-01',
    '2026-03-31 2026-03-01',
    '26',
    '2026-01-01',
  ])('refuses "%s", naming what was given', (text) => {
    expect(parsePeriod(text, TODAY)).toEqual({ ok: false, given: text.trim() });
  });

  it.each(['2016-01-01 2026-01-01', '0001-01-01 9999-12-31'])(
    'refuses "%s" as longer than ten years (the figures are counted month by month)',
    (text) => {
      expect(parsePeriod(text, TODAY)).toEqual({ ok: false, given: text, tooLong: true });
    },
  );
});
