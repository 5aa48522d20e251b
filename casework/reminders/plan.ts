import { DateTime } from 'luxon';
import { amsterdamTime, ZONE, type IsoDate, type WorkingDayCalendar } from '../covenant/calendar.js';
import type { CaseSummary } from '../case/types.js';
import type { Covenant } from '../covenant/covenant.js';
import { nextMeetingDate } from '../covenant/meeting-dates.js';
import type { MessageKind, NoticeKind, PlannedMessage, ReminderKind } from '../ports.js';
import { resolveResponsible } from '../covenant/step-plan.js';

// Which reminders are due, from a case's summary, the covenant's reminder policy and "now".
// Pure and clock-driven: the scheduler asks, the outbox stores, the deliverer sends.

const NOTICE_KINDS: ReadonlySet<string> = new Set<NoticeKind>([
  'handover',
  'closed',
  'registered',
  'joined',
  'approval',
  'membership',
]);
export const isNotice = (kind: MessageKind): kind is NoticeKind => NOTICE_KINDS.has(kind);

// Time-zone arithmetic is the sweep's main cost; the same few dates come back all the time.
const instants = new Map<string, string>();

/** A local clock time ("08:30") on a date in Amsterdam, as an instant. */
export function amsterdamInstant(date: IsoDate, clock: string): string {
  const key = `${date}T${clock}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    instant = DateTime.fromISO(key, { zone: ZONE }).toUTC().toISO()!;
    if (instants.size > 10_000) instants.clear();
    instants.set(key, instant);
  }
  return instant;
}

/** The covenant's working morning of a date, as an instant. */
export function workingMorning(covenant: Covenant, date: IsoDate): string {
  return amsterdamInstant(date, covenant.reminders.working_hours.start);
}

/** True inside the covenant's working hours on a working day: the only time anything is sent. */
export function mayDeliverAt(covenant: Covenant, calendar: WorkingDayCalendar, instant: Date): boolean {
  const { date, minutes } = amsterdamTime(instant);
  const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  const { start, end } = covenant.reminders.working_hours;
  return calendar.isWorkingDay(date) && minutes >= toMinutes(start) && minutes < toMinutes(end);
}

/** The next moment at or after `instant` when sending is allowed. */
export function nextDeliveryMoment(covenant: Covenant, calendar: WorkingDayCalendar, instant: Date): Date {
  if (mayDeliverAt(covenant, calendar, instant)) return instant;
  const { date } = amsterdamTime(instant);
  const today = DateTime.fromISO(workingMorning(covenant, date));
  if (calendar.isWorkingDay(date) && instant.getTime() < today.toMillis()) return today.toJSDate();
  return new Date(workingMorning(covenant, calendar.addWorkingDays(date, 1)));
}

/**
 * The reminders of one open step that are due on `today`: the nudge `lead` working days before
 * the deadline, one on the day, and when late an escalation to the escalation partner, first
 * `after_working_days` after the deadline and then every `repeat` working days. Only today's
 * moment of each kind is returned, so a restart after days away does not flood old nudges.
 */
export function caseRemindersDue(
  covenant: Covenant,
  calendar: WorkingDayCalendar,
  summary: CaseSummary,
  today: IsoDate,
): PlannedMessage[] {
  if (summary.status !== 'open' || !summary.deadline || !summary.stepId || !summary.responsiblePartnerId)
    return [];
  const step = covenant.steps.find((s) => s.id === summary.stepId);
  if (!step) return [];
  const { deadline } = summary;
  const base = { covenantId: covenant.id, caseId: summary.caseId, stepId: step.id };
  const make = (kind: ReminderKind, partnerId: string, forDate: IsoDate): PlannedMessage => ({
    ...base,
    key: `${summary.caseId}|${step.id}|${deadline}|${kind}|${forDate}`,
    kind,
    partnerId,
    forDate,
    notBefore: workingMorning(covenant, forDate),
  });
  const lead = covenant.reminders.lead_working_days;
  const due: PlannedMessage[] = [];
  if (lead > 0 && calendar.addWorkingDays(deadline, -lead) === today)
    due.push(make('nudge', summary.responsiblePartnerId, today));
  if (today === deadline && calendar.isWorkingDay(today))
    due.push(make('due', summary.responsiblePartnerId, today));
  if (today > deadline && calendar.isWorkingDay(today)) {
    const after = step.escalation?.after_working_days ?? 0;
    const repeat =
      step.escalation?.repeat_every_working_days ?? covenant.reminders.escalation_repeat_working_days;
    const workingDaysLate = calendar.workingDaysBetween(deadline, today);
    const sinceFirst = workingDaysLate - (after + 1);
    if (sinceFirst >= 0 && sinceFirst % repeat === 0) {
      const to = step.escalation?.to ?? { role: covenant.coordinator_role };
      const partnerId = resolveResponsible(covenant, to, {
        signallerPartnerId: summary.signallerPartnerId,
        municipalityId: summary.municipalityId,
      });
      due.push(make('escalation', partnerId, today));
    }
  }
  return due;
}

/** How far back a late step keeps being escalated: two years of working days. */
const ESCALATION_HORIZON_WORKING_DAYS = 520;

/**
 * Every deadline for which a reminder can fall on `today`: the nudge's, today's, and each
 * escalation day's (per escalation rhythm of the covenant's steps). The sweep reads only steps
 * with these deadlines, so its cost follows what is due, not how many steps are open or late.
 */
export function reminderDeadlines(
  covenant: Covenant,
  calendar: WorkingDayCalendar,
  today: IsoDate,
): IsoDate[] {
  if (!calendar.isWorkingDay(today)) return [];
  const dates = new Set<IsoDate>([today]);
  const lead = covenant.reminders.lead_working_days;
  if (lead > 0) dates.add(calendar.addWorkingDays(today, lead));
  const rhythms = new Set(
    covenant.steps.map(
      (s) =>
        `${s.escalation?.after_working_days ?? 0}/${s.escalation?.repeat_every_working_days ?? covenant.reminders.escalation_repeat_working_days}`,
    ),
  );
  // The working days before today, walked once: pastWorkingDays[n - 1] is n working days back.
  const pastWorkingDays: IsoDate[] = [];
  for (let day = today; pastWorkingDays.length < ESCALATION_HORIZON_WORKING_DAYS;) {
    day = calendar.addWorkingDays(day, -1);
    pastWorkingDays.push(day);
  }
  for (const rhythm of rhythms) {
    const [after, repeat] = rhythm.split('/').map(Number) as [number, number];
    for (let late = after + 1; late <= ESCALATION_HORIZON_WORKING_DAYS; late += repeat)
      dates.add(pastWorkingDays[late - 1]!);
  }
  return [...dates].sort();
}

/** A digest per partner on every working day; the agenda on the meeting day minus its lead. */
export function covenantMessagesDue(
  covenant: Covenant,
  calendar: WorkingDayCalendar,
  today: IsoDate,
): PlannedMessage[] {
  if (!calendar.isWorkingDay(today)) return [];
  const messages: PlannedMessage[] = covenant.partners.map((p) => ({
    key: `${covenant.id}|digest|${p.id}|${today}`,
    kind: 'digest',
    covenantId: covenant.id,
    caseId: null,
    stepId: null,
    partnerId: p.id,
    forDate: today,
    notBefore: amsterdamInstant(today, covenant.reminders.digest_time),
  }));
  const meeting = nextMeetingDate(covenant, calendar, today);
  const lead = covenant.casuistry_meeting?.agenda_lead_working_days ?? 0;
  if (meeting && calendar.addWorkingDays(meeting, -lead) === today) {
    const coordinator = covenant.roles.find((r) => r.id === covenant.coordinator_role)!;
    if ('partner' in coordinator.holder)
      messages.push({
        key: `${covenant.id}|agenda|${meeting}`,
        kind: 'agenda',
        covenantId: covenant.id,
        caseId: null,
        stepId: null,
        partnerId: coordinator.holder.partner,
        forDate: today,
        notBefore: workingMorning(covenant, today),
      });
  }
  return messages;
}
