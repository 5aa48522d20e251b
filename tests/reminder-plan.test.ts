import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { createCalendar } from '../casework/covenant/calendar.js';
import {
  caseRemindersDue,
  covenantMessagesDue,
  mayDeliverAt,
  nextDeliveryMoment,
  reminderDeadlines,
} from '../casework/reminders/plan.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { makeCaseRecord } from './fixtures/case-records.js';

const covenants = loadCovenants();
const lekstroom = covenants.find((c) => c.id === 'lekstroom')!;
const sittard = covenants.find((c) => c.id === 'sittard-geleen')!;
const calendar = createCalendar();

/** An open Lekstroom case at the joint home visit, WIL responsible, with this deadline. */
const visitDue = (deadline: string) =>
  makeCaseRecord({
    id: 'LEK-2026-0031',
    covenantId: 'lekstroom',
    summary: {
      stepId: 'gezamenlijk-huisbezoek',
      responsiblePartnerId: 'wil',
      deadline,
      signallerPartnerId: 'mitros',
      municipalityId: 'gemeente-nieuwegein',
    },
  }).summary;

const kinds = (deadline: string, today: string) =>
  caseRemindersDue(lekstroom, calendar, visitDue(deadline), today).map((m) => `${m.kind}→${m.partnerId}`);

describe('reminders of a step', () => {
  it.each([
    ['nudges one working day before the deadline', '2026-03-23', '2026-03-20', ['nudge→wil']],
    ['reminds on the day itself', '2026-03-23', '2026-03-23', ['due→wil']],
    ['says nothing on other days before the deadline', '2026-03-23', '2026-03-18', []],
    [
      'nudges on Thursday before Good Friday when the deadline is the Tuesday after Easter',
      '2026-04-07',
      '2026-04-02',
      ['nudge→wil'],
    ],
    [
      'nudges on Friday 24 April for a deadline on Tuesday 28 April (Koningsdag in between)',
      '2026-04-28',
      '2026-04-24',
      ['nudge→wil'],
    ],
    [
      'escalates to the coordinator on the first working day late',
      '2026-03-20',
      '2026-03-23',
      ['escalation→wil'],
    ],
    ['repeats the escalation every 2 working days', '2026-03-20', '2026-03-25', ['escalation→wil']],
    ['does not escalate between repeats', '2026-03-20', '2026-03-24', []],
    ['sends nothing on a Saturday', '2026-03-20', '2026-03-21', []],
  ])('%s', (_name, deadline, today, expected) => {
    expect(kinds(deadline, today)).toEqual(expected);
  });

  it('gives the same key when planned twice, and another key for another step deadline', () => {
    const first = caseRemindersDue(lekstroom, calendar, visitDue('2026-03-23'), '2026-03-23');
    const again = caseRemindersDue(lekstroom, calendar, visitDue('2026-03-23'), '2026-03-23');
    const moved = caseRemindersDue(lekstroom, calendar, visitDue('2026-03-24'), '2026-03-23');
    expect(again.map((m) => m.key)).toEqual(first.map((m) => m.key));
    expect(moved.map((m) => m.key)).not.toEqual(first.map((m) => m.key));
  });

  it('plans a reminder for the working morning, never before', () => {
    const [due] = caseRemindersDue(lekstroom, calendar, visitDue('2026-03-23'), '2026-03-23');
    expect(due!.notBefore).toBe('2026-03-23T07:30:00.000Z'); // 08:30 in Amsterdam (winter time)
  });

  it('plans nothing for closed cases', () => {
    expect(
      caseRemindersDue(lekstroom, calendar, { ...visitDue('2026-03-23'), status: 'closed' }, '2026-03-23'),
    ).toEqual([]);
  });

  it('reads only the deadlines a reminder falls on today, and those are exactly the ones planned', () => {
    const today = '2026-04-24';
    const dates = reminderDeadlines(lekstroom, calendar, today);
    expect(dates).toContain('2026-04-28'); // the nudge, Koningsdag in between
    expect(dates).toContain(today);
    expect(dates).toContain('2026-04-23'); // first working day late
    expect(dates).not.toContain('2026-04-22'); // between two escalations
    // Against brute force over a year of deadlines: a reminder today iff its deadline is listed.
    for (
      let d = DateTime.fromISO('2025-06-01');
      d <= DateTime.fromISO('2026-06-01');
      d = d.plus({ days: 1 })
    ) {
      const deadline = d.toISODate()!;
      if (!calendar.isWorkingDay(deadline)) continue;
      const due = caseRemindersDue(lekstroom, calendar, visitDue(deadline), today).length > 0;
      expect(due, deadline).toBe(dates.includes(deadline));
    }
    expect(reminderDeadlines(lekstroom, calendar, '2026-04-25')).toEqual([]);
  });
});

describe('working hours', () => {
  it.each([
    ['a weekday morning at 09:00', '2026-03-23T08:00:00Z', true],
    ['the same day before 08:30', '2026-03-23T07:00:00Z', false],
    ['at night', '2026-03-23T22:00:00Z', false],
    ['on a Saturday', '2026-03-21T10:00:00Z', false],
    ['on Koningsdag', '2026-04-27T09:00:00Z', false],
  ])('%s: may send %s', (_name, instant, expected) => {
    expect(mayDeliverAt(lekstroom, calendar, new Date(instant))).toBe(expected);
  });

  it.each([
    ['at night waits for the next working morning', '2026-03-23T22:00:00Z', '2026-03-24T07:30:00.000Z'],
    ['early in the morning waits for 08:30 that day', '2026-03-23T05:00:00Z', '2026-03-23T07:30:00.000Z'],
    ['on Friday evening waits for Monday', '2026-03-20T18:00:00Z', '2026-03-23T07:30:00.000Z'],
    [
      'on the Sunday before Koningsdag waits for Tuesday (summer time)',
      '2026-04-26T10:00:00Z',
      '2026-04-28T06:30:00.000Z',
    ],
  ])('%s', (_name, instant, expected) => {
    expect(nextDeliveryMoment(lekstroom, calendar, new Date(instant)).toISOString()).toBe(expected);
  });
});

describe('digests and the casuistry agenda', () => {
  it('plans one digest per partner on working days only', () => {
    expect(
      covenantMessagesDue(lekstroom, calendar, '2026-03-23').filter((m) => m.kind === 'digest'),
    ).toHaveLength(lekstroom.partners.length);
    expect(covenantMessagesDue(lekstroom, calendar, '2026-04-27')).toEqual([]);
  });

  it('plans the Sittard-Geleen agenda two working days before the first-Tuesday meeting', () => {
    // May 2026: the first Tuesday is 5 May (Bevrijdingsdag), so the meeting moves to Wednesday 6 May.
    const agenda = (day: string) =>
      covenantMessagesDue(sittard, calendar, day).filter((m) => m.kind === 'agenda');
    expect(agenda('2026-05-01')).toEqual([
      expect.objectContaining({
        partnerId: 'gemeente-sittard-geleen',
        key: 'sittard-geleen|agenda|2026-05-06',
      }),
    ]);
    expect(agenda('2026-05-04')).toEqual([]);
    expect(covenantMessagesDue(lekstroom, calendar, '2026-05-01').some((m) => m.kind === 'agenda')).toBe(
      false,
    );
  });
});
