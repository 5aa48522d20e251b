import { MAX_PERIOD_YEARS } from '../../../../casework/reads/period-limit.js';

// The periods a coordinator picks from: whole calendar months and quarters, ending today at the latest.

/** YYYY-MM-DD */
export type IsoDay = string;

export interface Period {
  from: IsoDay;
  to: IsoDay;
}

export type Preset = 'thisYear' | 'last12Months' | 'lastQuarter';
export const PRESETS: readonly Preset[] = ['thisYear', 'last12Months', 'lastQuarter'];

/** Today in Amsterdam, where the covenants count their days. */
export function todayInAmsterdam(now = new Date()): IsoDay {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

/**
 * thisYear: 1 January to today; last12Months: this month and the 11 before it, to today (whole
 * months for the chart per month); lastQuarter: the last complete calendar quarter.
 */
export function presetPeriod(preset: Preset, today: IsoDay): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (preset) {
    case 'thisYear':
      return { from: `${year}-01-01`, to: today };
    case 'last12Months': {
      const start = month === 12 ? { year, month: 1 } : { year: year - 1, month: month + 1 };
      return { from: day(start.year, start.month, 1), to: today };
    }
    case 'lastQuarter': {
      const quarter = Math.floor((month - 1) / 3); // 0..3, this quarter
      const previous = quarter === 0 ? { year: year - 1, quarter: 3 } : { year, quarter: quarter - 1 };
      const first = previous.quarter * 3 + 1;
      return {
        from: day(previous.year, first, 1),
        to: day(previous.year, first + 2, daysInMonth(previous.year, first + 2)),
      };
    }
  }
}

export type PeriodProblem = 'fromMissing' | 'toMissing' | 'fromAfterTo' | 'tooLong';

/** What is wrong with a period typed in, or null when it can be asked for. */
export function periodProblem(period: Period): PeriodProblem | null {
  if (!isDay(period.from)) return 'fromMissing';
  if (!isDay(period.to)) return 'toMissing';
  if (period.from > period.to) return 'fromAfterTo';
  const limit = `${String(Number(period.from.slice(0, 4)) + MAX_PERIOD_YEARS).padStart(4, '0')}${period.from.slice(4)}`;
  return period.to >= limit ? 'tooLong' : null;
}

function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

function day(year: number, month: number, dayOfMonth: number): IsoDay {
  return `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
