import { DateTime } from 'luxon';
import type { IsoDate, WorkingDayCalendar } from './calendar.js';
import type { Covenant } from './covenant.js';

// The covenant's monthly casuistry meeting (e.g. the first Tuesday), on a working day.

const WEEKDAYS = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5 } as const;
const WEEKS = { first: 0, second: 1, third: 2, fourth: 3 } as const;

/** The covenant's meeting day in the month of `month` (e.g. first Tuesday), moved to a working day. */
export function meetingDateInMonth(
  covenant: Covenant,
  calendar: WorkingDayCalendar,
  month: IsoDate,
): IsoDate | null {
  const meeting = covenant.casuistry_meeting;
  if (!meeting) return null;
  const start = DateTime.fromISO(month).startOf('month');
  const weekday = WEEKDAYS[meeting.weekday];
  let day: DateTime;
  if (meeting.week_of_month === 'last') {
    const end = start.endOf('month').startOf('day');
    day = end.minus({ days: (end.weekday - weekday + 7) % 7 });
  } else {
    day = start.plus({ days: (weekday - start.weekday + 7) % 7, weeks: WEEKS[meeting.week_of_month] });
  }
  return calendar.nextWorkingDayOnOrAfter(day.toISODate()!);
}

/** The next meeting on or after `today`. */
export function nextMeetingDate(
  covenant: Covenant,
  calendar: WorkingDayCalendar,
  today: IsoDate,
): IsoDate | null {
  const thisMonth = meetingDateInMonth(covenant, calendar, today);
  if (thisMonth === null) return null;
  if (thisMonth >= today) return thisMonth;
  return meetingDateInMonth(covenant, calendar, DateTime.fromISO(today).plus({ months: 1 }).toISODate()!);
}
