import { formatDate } from '../casework/covenant/calendar.js';
import { FINAL_RESULT_CODES } from '../casework/covenant/final-results.js';
import type { CasuistryAgenda, MonitoringFigures } from '../casework/reads/reports.js';
import type { StepView } from '../casework/reads/views.js';
import type { AdaptiveCard, CardElement } from './card-types.js';
import { caseLine, labelTexts } from './case-parts.js';
import { card, factSet, factsIfAny, heading, subheading, subtle, text } from './elements.js';
import { formatNumber, formatPercent } from './format.js';
import { texts, type Locale } from './texts.js';

// For coordinators: the monitoring figures and the casuistry meeting agenda. Anonymous: case ids,
// steps and partners only.

export function reportCard(
  locale: Locale,
  model: { figures: MonitoringFigures; covenantName: string },
): AdaptiveCard {
  const t = texts(locale).report;
  const { figures } = model;
  const results = FINAL_RESULT_CODES.filter((code) => figures.perFinalResult[code] > 0).map(
    (code): [string, string] => [texts(locale).finalResults[code], String(figures.perFinalResult[code])],
  );
  const onTime = figures.onTimePerPartner.map((p): [string, string] => [
    p.partnerName,
    t.onTimeText(p.onTime, p.steps, formatPercent(p.share, locale)),
  ]);
  const body: CardElement[] = [
    heading(t.title(model.covenantName)),
    factSet([
      [t.period, t.periodText(formatDate(figures.from, locale), formatDate(figures.to, locale))],
      [t.signalsReceived, String(figures.signalsReceived)],
      [t.closed, String(figures.closed)],
      [
        t.positiveShare,
        figures.positiveShare === null
          ? t.noData
          : `${formatPercent(figures.positiveShare, locale)} ${t.positiveNote}`,
      ],
      [
        t.medianDays,
        figures.medianWorkingDaysToFirstContact === null
          ? t.noData
          : formatNumber(figures.medianWorkingDaysToFirstContact, locale),
      ],
    ]),
    subheading(t.perFinalResult),
    ...(results.length > 0 ? [factSet(results)] : [text(t.noneClosed, { isSubtle: true })]),
    subheading(t.onTime),
    ...(onTime.length > 0 ? [factSet(onTime)] : [text(t.noData, { isSubtle: true })]),
  ];
  return card(body, [], t.title(model.covenantName));
}

function agendaLabels(view: StepView, locale: Locale): string {
  const labels = labelTexts(view, locale);
  return labels.length > 0 ? ` · ⚠ ${labels.join(', ')}` : '';
}

/** Per agenda section: enough to discuss in one meeting; the rest is counted. */
const MAX_PER_SECTION = 15;

function agendaSection(title: string, views: StepView[], locale: Locale): CardElement[] {
  const t = texts(locale);
  const shown = views.slice(0, MAX_PER_SECTION);
  const rest = views.length - shown.length;
  return [
    subheading(`${title} (${views.length})`),
    ...(shown.length === 0
      ? [subtle(t.common.none)]
      : shown.map((view) =>
          text(`${caseLine(view, locale)}${agendaLabels(view, locale)}`, {
            spacing: 'none',
            ...(view.late ? { color: 'attention' as const } : {}),
          }),
        )),
    ...(rest > 0 ? [subtle(t.common.more(rest))] : []),
  ];
}

/** An expired covenant in attention colour, then the evaluation moments due soon. */
function covenantNotices(agenda: CasuistryAgenda, locale: Locale): CardElement[] {
  const t = texts(locale).agenda;
  return [
    ...(agenda.covenantExpiredOn
      ? [
          text(`⚠ ${t.covenantExpired(formatDate(agenda.covenantExpiredOn, locale))}`, {
            color: 'attention',
            weight: 'bolder',
          }),
        ]
      : []),
    ...agenda.evaluationsDue.map((date) => text(t.evaluationDue(formatDate(date, locale)))),
  ];
}

export function agendaCard(
  locale: Locale,
  model: { agenda: CasuistryAgenda; covenantName: string },
): AdaptiveCard {
  const t = texts(locale).agenda;
  const { agenda } = model;
  return card(
    [
      heading(t.title(model.covenantName)),
      ...covenantNotices(agenda, locale),
      ...factsIfAny([[t.meeting, agenda.meetingDate ? formatDate(agenda.meetingDate, locale) : t.noMeeting]]),
      ...agendaSection(t.late, agenda.late, locale),
      ...agendaSection(t.escalated, agenda.escalated, locale),
      ...agendaSection(t.childrenFacingEviction, agenda.childrenFacingEviction, locale),
      ...agendaSection(t.waitingForNetwork, agenda.waitingForNetwork, locale),
      ...agendaSection(t.flaggedByRules, agenda.flaggedByRules, locale),
    ],
    [],
    t.title(model.covenantName),
  );
}
