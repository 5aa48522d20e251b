import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

import {
  amsterdamTime,
  createCalendar,
  deadlineStanding,
  dutchHolidays,
  easterSunday,
  formatDate,
  parseIsoDate,
  toIsoDate,
  type IsoDate,
  type WorkingDayCalendar,
} from '../casework/covenant/calendar.js';
import { standingText } from '../cards/format.js';

const calendars = { atw: createCalendar(), 'weekdays-only': createCalendar('weekdays-only') } as const;
const atw = calendars.atw;
const weekdaysOnly = calendars['weekdays-only'];

// The reference helpers step with luxon, independently of the day arithmetic under test.
const parse = (date: IsoDate) => DateTime.fromISO(date, { zone: 'UTC' });
const plusDays = (date: IsoDate, n: number): IsoDate => parse(date).plus({ days: n }).toFormat('yyyy-MM-dd');
const isWeekday = (date: IsoDate): boolean => parse(date).weekday <= 5;
const years = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

function countDayByDay(calendar: WorkingDayCalendar, from: IsoDate, to: IsoDate): number {
  if (to < from) return 0 - countDayByDay(calendar, to, from);
  let count = 0;
  for (let day = plusDays(from, 1); day <= to; day = plusDays(day, 1))
    if (calendar.isWorkingDay(day)) count += 1;
  return count;
}

// mulberry32: a small seeded PRNG, so the "random" cases are the same on every run.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('holidays of the Algemene termijnenwet', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('Easter %i falls on %s', (year, easter) => {
    expect(easterSunday(year)).toBe(easter);
  });

  it.each([
    ['2026-01-01', 'Nieuwjaarsdag'],
    ['2026-04-03', 'Goede Vrijdag'],
    ['2026-04-06', 'Tweede Paasdag'],
    ['2026-04-27', 'Koningsdag'],
    ['2025-04-26', 'Koningsdag'], // 27 April 2025 was a Sunday
    ['2031-04-26', 'Koningsdag'], // 27 April 2031 is a Sunday
    ['2026-05-05', 'Bevrijdingsdag'], // a Tuesday, and not a lustrum year: the Atw counts it anyway
    ['2027-05-05', 'Bevrijdingsdag'],
    ['2026-05-14', 'Hemelvaartsdag'],
    ['2026-05-25', 'Tweede Pinksterdag'],
    ['2026-12-25', 'Eerste Kerstdag'],
    ['2026-12-26', 'Tweede Kerstdag'],
    ['2016-05-05', 'Bevrijdingsdag / Hemelvaartsdag'], // Ascension on 5 May: one day off, two names
  ])('%s is %s', (date, name) => {
    expect(atw.holidayName(date)).toBe(name);
    expect(atw.isWorkingDay(date)).toBe(false);
  });

  it.each(['2025-04-27', '2031-04-27', '2026-04-28', '2026-05-04', '2026-12-24', '2026-12-31'])(
    '%s is no holiday',
    (date) => {
      expect(atw.holidayName(date)).toBeUndefined();
    },
  );

  it('lists nine holidays a year in date order', () => {
    const holidays = dutchHolidays(2026);
    expect(holidays.map((holiday) => holiday.date)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-04-27',
      '2026-05-05',
      '2026-05-14',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('hands out a fresh list, so a caller cannot corrupt the cache', () => {
    const first = dutchHolidays(2026);
    first.pop();
    first[0]!.name = 'changed';
    expect(dutchHolidays(2026)).toHaveLength(9);
    expect(dutchHolidays(2026)[0]?.name).toBe('Nieuwjaarsdag');
  });
});

describe('cross-check against the date-holidays package (NL)', () => {
  // date-holidays types Goede Vrijdag and Bevrijdingsdag 'school' (not days off for most employers),
  // but the Atw counts both, so they belong to the oracle. Its Sunday holidays (Pasen, Pinksteren) are
  // weekend days anyway, so only weekdays are compared. Our list may add 5 May where the package has
  // it only in lustrum years; date-holidays 3.x lists it every year, so in practice the sets are equal.
  const oracle = new Holidays('NL');
  const ATW_SCHOOL_HOLIDAYS = new Set(['Goede Vrijdag', 'Bevrijdingsdag']);

  it.each(years(2020, 2040))('%i: ours cover every weekday holiday of date-holidays', (year) => {
    const listed = oracle.getHolidays(year);
    const theirs = listed
      .filter((h) => h.type === 'public' || (h.type === 'school' && ATW_SCHOOL_HOLIDAYS.has(h.name)))
      .map((h) => h.date.slice(0, 10))
      .filter(isWeekday);
    const ours = dutchHolidays(year)
      .map((h) => h.date)
      .filter(isWeekday);

    expect(listed.map((h) => h.name)).toEqual(expect.arrayContaining([...ATW_SCHOOL_HOLIDAYS]));
    expect(theirs.filter((date) => !ours.includes(date))).toEqual([]);
    expect(ours.filter((date) => !theirs.includes(date)).every((date) => date.endsWith('-05-05'))).toBe(true);
    expect(easterSunday(year)).toBe(listed.find((h) => h.name === 'Pasen')?.date.slice(0, 10));
  });
});

describe('counting working days', () => {
  it.each([
    ['2026-04-02', 1, '2026-04-07'], // Goede Vrijdag, weekend, Tweede Paasdag
    ['2026-04-24', 1, '2026-04-28'], // weekend, Koningsdag
    ['2025-04-25', 1, '2025-04-28'], // Koningsdag 2025 on Saturday costs nothing extra
    ['2026-05-04', 1, '2026-05-06'], // 5 May on a Tuesday
    ['2026-05-15', -1, '2026-05-13'], // Hemelvaartsdag
    ['2026-05-22', 1, '2026-05-26'], // weekend, Tweede Pinksterdag
    ['2026-12-24', 1, '2026-12-28'], // Christmas on Friday and Saturday
    ['2026-12-31', 1, '2027-01-04'], // Nieuwjaarsdag, weekend
    ['2026-03-09', 5, '2026-03-16'],
    ['2026-03-14', 1, '2026-03-16'], // counted from a Saturday
    ['2026-03-09', 0, '2026-03-09'], // zero days: the day itself when it is a working day
    ['2026-04-03', 0, '2026-04-07'], // zero days: otherwise the next working day
    ['2026-03-16', -2, '2026-03-12'], // "2 working days before the meeting"
    ['2026-03-15', -1, '2026-03-13'], // backwards from a Sunday: the Friday before
    ['2026-04-07', -1, '2026-04-02'],
    ['2026-01-02', -1, '2025-12-31'],
  ])('%s plus %i working days is %s', (from, n, expected) => {
    expect(atw.addWorkingDays(from, n)).toBe(expected);
  });

  it.each([
    ['2026-03-09', 5, '2026-03-16'], // lands on Saturday, moves to Monday
    ['2026-03-09', 4, '2026-03-13'],
    ['2026-04-01', 2, '2026-04-07'], // lands on Goede Vrijdag, moves past Easter
    ['2026-04-20', 7, '2026-04-28'], // lands on Koningsdag
    ['2026-12-18', 7, '2026-12-28'], // lands on Christmas
    ['2026-03-09', 0, '2026-03-09'],
  ])('%s plus %i calendar days ends on working day %s', (from, n, expected) => {
    expect(atw.addCalendarDays(from, n)).toBe(expected);
  });

  it('weekdays-only covenants work on Koningsdag, 5 May and Goede Vrijdag but not at weekends', () => {
    expect(weekdaysOnly.isWorkingDay('2026-04-27')).toBe(true);
    expect(weekdaysOnly.holidayName('2026-04-27')).toBeUndefined();
    expect(weekdaysOnly.addCalendarDays('2026-04-20', 7)).toBe('2026-04-27');
    expect(weekdaysOnly.addWorkingDays('2026-05-04', 1)).toBe('2026-05-05');
    expect(weekdaysOnly.addWorkingDays('2026-04-02', 1)).toBe('2026-04-03');
    expect(weekdaysOnly.nextWorkingDayOnOrAfter('2026-03-14')).toBe('2026-03-16');
  });

  it.each([
    ['2026-03-13', '2026-03-16', 1], // Friday to Monday
    ['2026-03-16', '2026-03-13', -1],
    ['2026-03-13', '2026-03-13', 0],
    ['2026-03-13', '2026-03-15', 0], // only weekend in between
    ['2026-04-02', '2026-04-07', 1],
    ['2016-05-04', '2016-05-06', 1], // 5 May and Ascension on the same day count once
    ['2025-12-31', '2026-12-31', 253], // 261 weekdays in 2026 minus 8 holidays on weekdays
  ])('from %s to %s is %i working days', (from, to, expected) => {
    expect(atw.workingDaysBetween(from, to)).toBe(expected);
  });

  it('agrees with counting day by day for seeded random pairs in 2024-2030, both ways', () => {
    const random = seededRandom(20260323);
    // Every day of 2024-2030 plus 30 days either side, so a pair is two indexes and counting is a loop.
    const days = Array.from({ length: 2557 + 60 }, (_, i) => plusDays('2023-12-02', i));
    const randomIndex = () => 30 + Math.floor(random() * 2557);
    for (const calendar of [atw, weekdaysOnly]) {
      const working = days.map((day) => calendar.isWorkingDay(day));
      const countDayByDay = (from: number, to: number): number => {
        let count = 0;
        for (let i = Math.min(from, to) + 1; i <= Math.max(from, to); i += 1) if (working[i]) count += 1;
        return to < from ? 0 - count : count;
      };
      for (let pair = 0; pair < 400; pair += 1) {
        const from = randomIndex();
        // Half the pairs span years, half only a few weeks either way, where the edges matter most.
        const to = pair % 2 === 0 ? randomIndex() : from + Math.floor(random() * 41) - 20;
        const [fromDate, toDate] = [days[from]!, days[to]!];
        expect(
          calendar.workingDaysBetween(fromDate, toDate),
          `${calendar.kind} ${fromDate} → ${toDate}`,
        ).toBe(countDayByDay(from, to));
      }
    }
  });

  it('agrees with counting day by day over a whole century', () => {
    expect(atw.workingDaysBetween('1999-12-31', '2099-12-31')).toBe(
      countDayByDay(atw, '1999-12-31', '2099-12-31'),
    );
  });

  it('is the inverse of addWorkingDays going forward', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 200; i += 1) {
      const from = plusDays('2024-01-01', Math.floor(random() * 2557));
      const n = 1 + Math.floor(random() * 60);
      expect(atw.workingDaysBetween(from, atw.addWorkingDays(from, n)), `${from} + ${n}`).toBe(n);
    }
  });

  it.each([
    () => atw.isWorkingDay('2026-02-30'),
    () => atw.isWorkingDay('23-03-2026'),
    () => atw.addWorkingDays('2026-03-09', 1.5),
    () => atw.addCalendarDays('2026-03-09', Number.NaN),
  ])('rejects invalid input %#', (call) => {
    expect(call).toThrow(RangeError);
  });
});

describe('describing a deadline', () => {
  it.each([
    // deadline, today, calendar, Dutch, English, working days, late
    ['2026-03-13', '2026-03-13', 'atw', 'vandaag', 'today', 0, false],
    ['2026-03-13', '2026-03-12', 'atw', 'morgen', 'tomorrow', 1, false],
    ['2026-03-16', '2026-03-15', 'atw', 'morgen', 'tomorrow', 1, false], // seen on a Sunday
    ['2026-03-16', '2026-03-13', 'atw', 'over 1 werkdag', 'in 1 working day', 1, false],
    ['2026-03-17', '2026-03-13', 'atw', 'over 2 werkdagen', 'in 2 working days', 2, false],
    ['2026-04-07', '2026-04-02', 'atw', 'over 1 werkdag', 'in 1 working day', 1, false], // over Easter
    // A deadline on a weekend or holiday with no working day before it: name the day, not "over 0".
    ['2026-03-14', '2026-03-13', 'atw', 'op zaterdag 14 maart', 'on Saturday 14 March', 0, false],
    ['2026-04-27', '2026-04-26', 'atw', 'op maandag 27 april', 'on Monday 27 April', 0, false], // Koningsdag
    ['2026-04-27', '2026-04-23', 'atw', 'over 1 werkdag', 'in 1 working day', 1, false],
    ['2026-04-27', '2026-04-26', 'weekdays-only', 'morgen', 'tomorrow', 1, false],
    ['2026-03-13', '2026-03-16', 'atw', '1 werkdag te laat', '1 working day late', -1, true],
    ['2026-03-10', '2026-03-13', 'atw', '3 werkdagen te laat', '3 working days late', -3, true],
    // Late, but no working day has passed since: "0 werkdagen te laat" would read as not late.
    [
      '2026-03-13',
      '2026-03-14',
      'atw',
      'te laat sinds vrijdag 13 maart',
      'late since Friday 13 March',
      0,
      true,
    ],
    [
      '2026-03-13',
      '2026-03-15',
      'atw',
      'te laat sinds vrijdag 13 maart',
      'late since Friday 13 March',
      0,
      true,
    ],
    [
      '2026-04-24',
      '2026-04-27',
      'atw',
      'te laat sinds vrijdag 24 april',
      'late since Friday 24 April',
      0,
      true,
    ],
    ['2026-04-24', '2026-04-27', 'weekdays-only', '1 werkdag te laat', '1 working day late', -1, true],
    ['2026-04-27', '2026-04-28', 'atw', '1 werkdag te laat', '1 working day late', -1, true],
  ] as const)('due %s, seen on %s (%s): "%s" / "%s"', (deadline, today, kind, nl, en, workingDays, late) => {
    const due = deadlineStanding(deadline, today, calendars[kind]);
    expect({ late: due.late, workingDays: due.workingDays }).toEqual({ late, workingDays });
    expect(standingText(due.standing, 'nl')).toBe(nl);
    expect(standingText(due.standing, 'en')).toBe(en);
  });
});

describe('instants and dates in Amsterdam', () => {
  it.each([
    ['2026-03-08T22:59:59Z', '2026-03-08'], // winter time: 23:59:59 CET
    ['2026-03-08T23:00:00Z', '2026-03-09'],
    ['2026-03-08T23:30:00Z', '2026-03-09'],
    ['2026-07-01T21:59:59Z', '2026-07-01'], // summer time: 23:59:59 CEST
    ['2026-07-01T22:00:00Z', '2026-07-02'],
    ['2026-03-28T23:00:00Z', '2026-03-29'], // midnight before the clocks go forward
    ['2026-10-25T22:59:59Z', '2026-10-25'], // the 25-hour day the clocks go back
    ['2026-03-09T00:30:00+01:00', '2026-03-09'],
    ['2026-03-09T00:30', '2026-03-09'], // no offset: read as Amsterdam time, not the server's
  ])('%s is %s in Amsterdam', (instant, date) => {
    expect(toIsoDate(instant)).toBe(date);
    if (/Z|[+-]\d\d:\d\d$/.test(instant)) expect(toIsoDate(new Date(instant))).toBe(date);
  });

  it('rejects an instant that is not one', () => {
    expect(() => toIsoDate('gisteren')).toThrow(RangeError);
    expect(() => toIsoDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('gives the date luxon gives for every quarter hour around both clock changes, asked twice (kept per UTC hour)', () => {
    for (const start of [
      '2026-03-28T20:00:00.000Z',
      '2026-10-24T20:00:00.000Z',
      '1999-12-31T20:00:00.000Z',
    ]) {
      for (let minutes = 0; minutes < 12 * 60; minutes += 15) {
        const instant = new Date(Date.parse(start) + minutes * 60_000).toISOString();
        const expected = DateTime.fromISO(instant, { zone: 'Europe/Amsterdam' }).toISODate();
        expect([toIsoDate(instant), toIsoDate(instant)]).toEqual([expected, expected]);
      }
    }
  });

  it('still rejects an invalid day or minute in an hour it already knows', () => {
    expect(toIsoDate('2026-03-09T10:00:00.000Z')).toBe('2026-03-09');
    expect(() => toIsoDate('2026-03-09T10:60:00.000Z')).toThrow(RangeError);
    expect(() => toIsoDate('2026-02-30T10:00:00.000Z')).toThrow(RangeError);
    expect(() => toIsoDate('2026-02-30T10:00:00.000Z')).toThrow(RangeError);
  });

  it.each([
    ['2026-03-08T23:30:00Z', { date: '2026-03-09', minutes: 30, weekday: 1 }],
    ['2026-07-01T07:15:00Z', { date: '2026-07-01', minutes: 9 * 60 + 15, weekday: 3 }],
    ['2026-03-14T16:59:00Z', { date: '2026-03-14', minutes: 17 * 60 + 59, weekday: 6 }],
  ])('%s is local time %o', (instant, expected) => {
    expect(amsterdamTime(new Date(instant))).toEqual(expected);
  });

  it.each([
    ['2026-03-23', 'maandag 23 maart 2026', 'Monday 23 March 2026'],
    ['2026-01-01', 'donderdag 1 januari 2026', 'Thursday 1 January 2026'],
  ])('formats %s as "%s" and "%s"', (date, nl, en) => {
    expect(formatDate(date, 'nl')).toBe(nl);
    expect(formatDate(date, 'en')).toBe(en);
  });
});

describe('parsing a typed date', () => {
  it.each([
    ['2026-03-23', '2026-03-23'],
    ['23-03-2026', '2026-03-23'],
    ['3-4-2026', '2026-04-03'],
    ['03-4-2026', '2026-04-03'],
    [' 2026-03-23 ', '2026-03-23'],
    ['29-02-2024', '2024-02-29'],
  ])('accepts "%s" as %s', (text, date) => {
    expect(parseIsoDate(text)).toBe(date);
  });

  it.each([
    '2026-02-30',
    '30-02-2026',
    '29-02-2025',
    '2026-13-01',
    '32-01-2026',
    '2026-3-23',
    '23/03/2026',
    '23-03-26',
    '',
    'morgen',
  ])('rejects "%s"', (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
  });
});
