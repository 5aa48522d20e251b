// Dutch working days for covenant deadlines. Pure: callers pass "today"; dates are calendar days as ISO strings.
import { DateTime } from 'luxon';

export type IsoDate = string;
export const ZONE = 'Europe/Amsterdam';

export type Holiday = { date: IsoDate; name: string };

export type CalendarKind = 'algemene-termijnenwet' | 'weekdays-only';

export interface WorkingDayCalendar {
  readonly kind: CalendarKind;
  holidayName(date: IsoDate): string | undefined;
  isWorkingDay(date: IsoDate): boolean;
  nextWorkingDayOnOrAfter(date: IsoDate): IsoDate;
  addWorkingDays(from: IsoDate, n: number): IsoDate;
  addCalendarDays(from: IsoDate, n: number): IsoDate;
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
}

// Internally a date is a day number (days since 1970-01-01): arithmetic on integers, no time zones involved.
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DUTCH_DATE = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;

function dayFromParts(year: number, month: number, day: number): number | undefined {
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC silently rolls 30 February over to March; the round trip catches it.
  const valid =
    check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
  return valid ? ms / MS_PER_DAY : undefined;
}

function existingDay(year: number, month: number, day: number): number {
  const dayNumber = dayFromParts(year, month, day);
  if (dayNumber === undefined) throw new RangeError(`No such date: ${year}-${month}-${day}`);
  return dayNumber;
}

function toDay(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not an ISO date (yyyy-MM-dd): ${date}`);
  return existingDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

const fromDay = (day: number): IsoDate => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const yearOf = (day: number): number => new Date(day * MS_PER_DAY).getUTCFullYear();
// 1970-01-01 was a Thursday (ISO weekday 4).
const isoWeekday = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;
const isWeekend = (day: number): boolean => isoWeekday(day) > 5;

// Monday to Friday days in [1970-01-05 (a Monday), day); floor keeps it right for days before 1970 too.
function weekdaysBefore(day: number): number {
  const sinceMonday = day - 4;
  const weeks = Math.floor(sinceMonday / 7);
  return weeks * 5 + Math.min(sinceMonday - weeks * 7, 5);
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromDay(existingDay(year, month, day));
}

interface YearHolidays {
  list: readonly Holiday[];
  namesByDay: ReadonlyMap<number, string>;
  weekdayHolidays: readonly number[];
}

const holidayCache = new Map<number, YearHolidays>();

// Art. 3(1) and (2) Atw; Koningsdag as since 2014. Not the bridge days equated by decree under art. 3(3)
// (e.g. the Friday after Ascension): those are published, not computable.
function holidaysOf(year: number): YearHolidays {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = toDay(easterSunday(year));
  const fixed = (month: number, day: number): number => existingDay(year, month, day);
  const april27 = fixed(4, 27);
  const days: [number, string][] = [
    [fixed(1, 1), 'Nieuwjaarsdag'],
    [easter - 2, 'Goede Vrijdag'],
    [easter + 1, 'Tweede Paasdag'],
    [isoWeekday(april27) === 7 ? april27 - 1 : april27, 'Koningsdag'],
    // The Atw names 5 May every year, not only every fifth (lustrum) year as many labour agreements do.
    [fixed(5, 5), 'Bevrijdingsdag'],
    [easter + 39, 'Hemelvaartsdag'],
    [easter + 50, 'Tweede Pinksterdag'],
    [fixed(12, 25), 'Eerste Kerstdag'],
    [fixed(12, 26), 'Tweede Kerstdag'],
  ];
  days.sort(([a], [b]) => a - b);
  const namesByDay = new Map<number, string>();
  // Ascension can fall on 5 May (2016); keep one entry per day with both names.
  for (const [day, name] of days)
    namesByDay.set(day, namesByDay.has(day) ? `${namesByDay.get(day)} / ${name}` : name);
  const entry: YearHolidays = {
    list: days.map(([day, name]) => ({ date: fromDay(day), name })),
    namesByDay,
    weekdayHolidays: [...namesByDay.keys()].filter((day) => !isWeekend(day)),
  };
  holidayCache.set(year, entry);
  return entry;
}

export function dutchHolidays(year: number): Holiday[] {
  return holidaysOf(year).list.map((holiday) => ({ ...holiday }));
}

export function createCalendar(kind: CalendarKind = 'algemene-termijnenwet'): WorkingDayCalendar {
  const withHolidays = kind === 'algemene-termijnenwet';
  const holidayOn = (day: number): string | undefined =>
    withHolidays ? holidaysOf(yearOf(day)).namesByDay.get(day) : undefined;
  const isWorking = (day: number): boolean => !isWeekend(day) && holidayOn(day) === undefined;

  function nextWorkingDay(day: number): number {
    let current = day;
    while (!isWorking(current)) current += 1;
    return current;
  }

  // Working days in (after, upTo], for after <= upTo: whole-week arithmetic minus holidays on weekdays.
  function countWorkingDays(after: number, upTo: number): number {
    let count = weekdaysBefore(upTo + 1) - weekdaysBefore(after + 1);
    if (!withHolidays) return count;
    for (let year = yearOf(after + 1); year <= yearOf(upTo); year += 1) {
      for (const day of holidaysOf(year).weekdayHolidays) if (day > after && day <= upTo) count -= 1;
    }
    return count;
  }

  return {
    kind,
    holidayName: (date) => holidayOn(toDay(date)),
    isWorkingDay: (date) => isWorking(toDay(date)),
    nextWorkingDayOnOrAfter: (date) => fromDay(nextWorkingDay(toDay(date))),
    addWorkingDays(from, n) {
      if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number: ${n}`);
      if (n === 0) return fromDay(nextWorkingDay(toDay(from)));
      const step = Math.sign(n);
      let day = toDay(from);
      for (let left = Math.abs(n); left > 0;) {
        day += step;
        if (isWorking(day)) left -= 1;
      }
      return fromDay(day);
    },
    addCalendarDays(from, n) {
      if (!Number.isInteger(n)) throw new RangeError(`Calendar days must be a whole number: ${n}`);
      return fromDay(nextWorkingDay(toDay(from) + n));
    },
    workingDaysBetween(from, to) {
      const [start, end] = [toDay(from), toDay(to)];
      // Mirrored so that workingDaysBetween(a, b) === -workingDaysBetween(b, a); `0 -` rather than `-` avoids -0.
      return start <= end ? countWorkingDays(start, end) : 0 - countWorkingDays(end, start);
    },
  };
}

function inAmsterdam(instant: Date | string): DateTime<true> {
  const local =
    typeof instant === 'string'
      ? DateTime.fromISO(instant, { zone: ZONE })
      : DateTime.fromJSDate(instant, { zone: ZONE });
  if (!local.isValid) throw new RangeError(`Not a valid instant: ${String(instant)}`);
  return local;
}

// An instant as Date.toISOString() writes it (the events' `at`), from 1977, since when Amsterdam's
// offsets are whole hours that change on the hour: its Amsterdam date is the same all through its
// UTC hour, so luxon works it out once per hour (the figures ask for a date per event).
const UTC_INSTANT =
  /^((?:19[89]\d|197[7-9]|[2-9]\d{3})-\d{2}-\d{2}T(?:[01]\d|2[0-3])):[0-5]\d:[0-5]\d(?:\.\d{3})?Z$/;
const datesByUtcHour = new Map<string, IsoDate>();

export function toIsoDate(instant: Date | string): IsoDate {
  // A Date (the clock's now, on every status card) goes through the same memo as its ISO text.
  const text =
    typeof instant === 'string' ? instant : Number.isNaN(instant.getTime()) ? '' : instant.toISOString();
  const hour = UTC_INSTANT.exec(text)?.[1];
  if (hour === undefined) return inAmsterdam(instant).toISODate();
  let date = datesByUtcHour.get(hour);
  if (date === undefined) {
    // An invalid day (30 February) throws here every time: only valid hours are kept.
    date = inAmsterdam(instant).toISODate();
    if (datesByUtcHour.size >= 200_000) datesByUtcHour.clear();
    datesByUtcHour.set(hour, date);
  }
  return date;
}

export function amsterdamTime(instant: Date): { date: IsoDate; minutes: number; weekday: number } {
  const local = inAmsterdam(instant);
  return { date: local.toISODate(), minutes: local.hour * 60 + local.minute, weekday: local.weekday };
}

type Locale = 'nl' | 'en';

// A calendar date has no zone: format its UTC midnight. luxon's formatting goes through Intl and
// costs more than the rest of a status card, and a card shows the same few dates: kept per text.
const formatted = new Map<string, string>();
function formatWith(date: IsoDate, locale: Locale, pattern: string): string {
  const key = `${date}|${locale}|${pattern}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = DateTime.fromMillis(toDay(date) * MS_PER_DAY, { zone: 'UTC', locale }).toFormat(pattern);
    if (formatted.size >= 20_000) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

export function formatDate(date: IsoDate, locale: Locale): string {
  return formatWith(date, locale, 'EEEE d MMMM yyyy');
}

/** "vrijdag 13 maart": a date close by, without its year. */
export function formatDayInWeek(date: IsoDate, locale: Locale): string {
  return formatWith(date, locale, 'EEEE d MMMM');
}

/** Where a deadline stands on a given day, as a fact; cards/ words it in the reader's language. */
export type DeadlineStanding =
  | { kind: 'today' }
  | { kind: 'tomorrow' }
  /** Due in, or late by, this many working days (1 or more). */
  | { kind: 'in' | 'late'; workingDays: number }
  /** No working day lies between (a weekend or holiday): the deadline's own weekday and date say it. */
  | { kind: 'on' | 'late_since'; date: IsoDate };

/**
 * Where the deadline stands today; shifting a deadline off a weekend or holiday is done when it is
 * computed. `workingDays` is negative when late.
 */
export function deadlineStanding(
  deadline: IsoDate,
  today: IsoDate,
  calendar: WorkingDayCalendar,
): { standing: DeadlineStanding; late: boolean; workingDays: number } {
  const workingDays = calendar.workingDaysBetween(today, deadline);
  const late = deadline < today;
  const standing: DeadlineStanding =
    deadline === today
      ? { kind: 'today' }
      : late
        ? workingDays === 0
          ? { kind: 'late_since', date: deadline }
          : { kind: 'late', workingDays: -workingDays }
        : deadline === fromDay(toDay(today) + 1) && calendar.isWorkingDay(deadline)
          ? { kind: 'tomorrow' }
          : workingDays === 0
            ? { kind: 'on', date: deadline }
            : { kind: 'in', workingDays };
  return { standing, late, workingDays };
}

/** Accepts yyyy-MM-dd and the Dutch d-M-yyyy / dd-MM-yyyy; returns yyyy-MM-dd, or undefined when not a real date. */
export function parseIsoDate(text: string): IsoDate | undefined {
  const trimmed = text.trim();
  const iso = ISO_DATE.exec(trimmed);
  const dutch = DUTCH_DATE.exec(trimmed);
  if (!iso && !dutch) return undefined;
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : [dutch?.[3], dutch?.[2], dutch?.[1]];
  const dayNumber = dayFromParts(Number(year), Number(month), Number(day));
  return dayNumber === undefined ? undefined : fromDay(dayNumber);
}
