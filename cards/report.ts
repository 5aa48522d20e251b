import { formatDate } from '../casework/covenant/calendar.js';
import { FINAL_RESULT_CODES } from '../casework/covenant/final-results.js';
import type { CasuistryAgenda } from '../casework/reads/reports.js';
import type { CovenantFigures, FigureCounts } from '../casework/reads/figures.js';
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
  model: { figures: CovenantFigures; covenantName: string },
): AdaptiveCard {
  const all = texts(locale);
  const t = all.report;
  const { figures } = model;
  const n = (value: number) => formatNumber(value, locale);
  const results = FINAL_RESULT_CODES.filter((code) => figures.perFinalResult[code] > 0).map(
    (code): [string, string] => [all.finalResults[code], n(figures.perFinalResult[code])],
  );
  const onTime = figures.onTimePerPartner.map((p): [string, string] => [
    p.partnerName,
    p.share === null ? t.noData : t.onTimeText(p.numerator, p.denominator, formatPercent(p.share, locale)),
  ]);
  const signalTypes = Object.entries(figures.signalsPerType)
    .map(([type, count]) => `${signalTypeName(type, locale)} ${n(count ?? 0)}`)
    .join(', ');
  const body: CardElement[] = [
    heading(t.title(model.covenantName)),
    factSet([
      [t.period, t.periodText(formatDate(figures.from, locale), formatDate(figures.to, locale))],
      [t.signalsReceived, signalTypes ? `${n(figures.signalsReceived)} (${signalTypes})` : n(0)],
      [t.crisisSignals, n(figures.crisisSignals)],
      [t.contactAttempts, n(figures.contactAttempts)],
      [t.householdsReached, n(figures.householdsReached)],
      [t.homeVisits, t.homeVisitsText(figures.homeVisits, figures.householdsVisited)],
      [t.closed, n(figures.closed)],
      [t.paymentArrangements, n(figures.paymentArrangements)],
      [t.paid, n(figures.paid)],
      ...(figures.paidOrArrangementUnsplit > 0
        ? [[t.paidOrArrangementUnsplit, n(figures.paidOrArrangementUnsplit)] as [string, string]]
        : []),
      [t.referredToDebtHelp, n(figures.referredToDebtHelp)],
      [t.helpAccepted, n(figures.helpAccepted)],
      [
        t.positiveShare,
        figures.positive.share === null
          ? t.noData
          : t.positiveText(
              formatPercent(figures.positive.share, locale),
              figures.positive.numerator,
              figures.positive.denominator,
            ),
      ],
      [t.evictions, figures.evictions === null ? t.notRecorded : n(figures.evictions)],
      [
        t.medianDays,
        figures.medianWorkingDaysToFirstContact === null
          ? t.noData
          : t.medianText(n(figures.medianWorkingDaysToFirstContact), figures.firstContacts),
      ],
    ]),
    subheading(t.perFinalResult),
    ...(results.length > 0 ? [factSet(results)] : [text(t.noneClosed, { isSubtle: true })]),
    subheading(t.onTime),
    ...(onTime.length > 0 ? [factSet(onTime)] : [text(t.noData, { isSubtle: true })]),
    ...breakdown(t.perMunicipality, figures.perMunicipality, locale),
    ...breakdown(t.perSignaller, figures.perSignaller, locale),
    ...breakdown(
      t.perSignalType,
      figures.perSignalType.map((g) => ({ ...g, name: signalTypeName(g.id, locale) })),
      locale,
    ),
  ];
  return card(body, [], t.title(model.covenantName));
}

function signalTypeName(type: string, locale: Locale): string {
  return (texts(locale).signalTypes as Record<string, string>)[type] ?? type;
}

function breakdown(
  title: string,
  groups: { name: string; figures: FigureCounts }[],
  locale: Locale,
): CardElement[] {
  if (groups.length === 0) return [];
  const t = texts(locale).report;
  return [
    subheading(title),
    factSet(
      groups.map((g): [string, string] => [
        g.name,
        t.groupText(
          g.figures.signalsReceived,
          g.figures.householdsReached,
          g.figures.homeVisits,
          g.figures.closed,
        ),
      ]),
    ),
  ];
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
