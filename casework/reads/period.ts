import { DateTime } from 'luxon';
import { ZONE, type IsoDate } from '../covenant/calendar.js';
import { MAX_PERIOD_YEARS } from './period-limit.js';

// The period a report covers, as a coordinator types it: nothing (this month), 2026-03, 2026-Q1,
// 2026, or two dates "2026-01-01 2026-03-31".

export interface ReportPeriod {
  from: IsoDate;
  to: IsoDate;
}

export type PeriodParse = { ok: true; period: ReportPeriod } | { ok: false; given: string; tooLong?: true };

export function parsePeriod(text: string, today: IsoDate): PeriodParse {
  const given = text.trim();
  const whole = (start: DateTime, unit: 'month' | 'quarter' | 'year'): PeriodParse =>
    start.isValid
      ? { ok: true, period: { from: start.toISODate()!, to: start.endOf(unit).toISODate()! } }
      : { ok: false, given };
  if (given === '') return whole(DateTime.fromISO(today, { zone: ZONE }).startOf('month'), 'month');
  let m = /^(\d{4})-(\d{2})$/.exec(given);
  if (m) return whole(DateTime.fromObject({ year: +m[1]!, month: +m[2]!, day: 1 }, { zone: ZONE }), 'month');
  m = /^(\d{4})-?[Qq]([1-4])$/.exec(given);
  if (m)
    return whole(
      DateTime.fromObject({ year: +m[1]!, month: (+m[2]! - 1) * 3 + 1, day: 1 }, { zone: ZONE }),
      'quarter',
    );
  m = /^(\d{4})$/.exec(given);
  if (m) return whole(DateTime.fromObject({ year: +m[1]!, month: 1, day: 1 }, { zone: ZONE }), 'year');
  m = /^(\d{4}-\d{2}-\d{2})\s+(\d{4}-\d{2}-\d{2})$/.exec(given);
  if (m) return fromTo(m[1]!, m[2]!, given);
  return { ok: false, given };
}

/** Two ISO dates, the first not after the second, at most MAX_PERIOD_YEARS apart. */
export function fromTo(from: string, to: string, given = `${from} ${to}`): PeriodParse {
  const start = DateTime.fromISO(from, { zone: ZONE });
  const end = DateTime.fromISO(to, { zone: ZONE });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return { ok: false, given };
  if (!start.isValid || !end.isValid || end < start) return { ok: false, given };
  if (end >= start.plus({ years: MAX_PERIOD_YEARS })) return { ok: false, given, tooLong: true };
  return { ok: true, period: { from, to } };
}
