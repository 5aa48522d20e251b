import type { JoinedEntry } from '../casework/case/types.js';
import type { CaseView } from '../casework/reads/views.js';
import type { AdaptiveCard, CardElement, ExecuteAction } from './card-types.js';
import { addressLine, changeLine, covenantWords } from './case-parts.js';
import { card, execute, factSet, heading, subheading, subtle, text } from './elements.js';
import { shortMoment } from './format.js';
import { signalTypeLabel, texts, type Locale } from './texts.js';
import { action } from './verbs.js';

// The parts of the case card that privacy shapes: referrals and postponements (their reasons
// only where the view carries them), a joining partner's own entry, and the joined signals
// with the coordinator's undo.

/** "Why": the covenant's rule, then each referral and postponement of the step as a fact. */
export function whySection(view: CaseView, locale: Locale): CardElement[] {
  const t = texts(locale);
  const lines = (view.stepChanges ?? []).map((change) => changeLine(change, locale));
  if (!view.because && lines.length === 0) return [];
  return [
    subheading(t.case.why),
    ...(view.because ? covenantWords({ ...view, because: view.because }, locale) : []),
    ...lines.map((line) => text(line, { spacing: 'small' })),
  ];
}

/** What the viewer's organisation entered when its signal joined: for that partner only. */
export function ownEntrySection(entries: readonly JoinedEntry[], locale: Locale): CardElement[] {
  if (entries.length === 0) return [];
  const t = texts(locale);
  return [
    subheading(t.privacy.ownEntry),
    subtle(t.privacy.ownEntryExplain),
    ...entries.map((entry) => householdFacts(entry.household, locale)),
  ];
}

function householdFacts(household: JoinedEntry['household'], locale: Locale): CardElement {
  const t = texts(locale).case;
  return factSet([
    [t.name, household.name],
    [t.address, addressLine({ ...household, notes: [] })],
    [t.phone, household.phone],
    [t.household, t.householdText(household.adults, household.children)],
  ]);
}

/**
 * The joined signals as facts; where the full personal part is shown, what each partner entered;
 * for the coordinator, a button per join to undo it.
 */
export function joinsSection(
  view: CaseView,
  locale: Locale,
  coordinator: boolean,
): { body: CardElement[]; actions: ExecuteAction[] } {
  const joins = view.joins ?? [];
  if (joins.length === 0) return { body: [], actions: [] };
  const p = texts(locale).privacy;
  const entries = view.personal?.joined ?? [];
  const body: CardElement[] = [subheading(p.joinsTitle)];
  for (const join of joins) {
    body.push(
      text(
        p.joinLine(join.partnerName, signalTypeLabel(locale, join.signalType), shortMoment(join.at, locale)),
        {
          spacing: 'small',
        },
      ),
    );
    const entry = entries.find((e) => e.seq === join.seq);
    if (entry) body.push(subtle(p.enteredBy(join.partnerName)), householdFacts(entry.household, locale));
  }
  const actions =
    coordinator && view.status === 'open'
      ? joins.map((join) =>
          execute(
            p.undoJoin(join.partnerName),
            action('case.undoJoin', { caseId: view.caseId, version: view.version, joinSeq: join.seq }),
          ),
        )
      : [];
  return { body, actions };
}

/** Told to the coordinator when a signal joins an open case: the fact, and the way to the case. */
export function joinNoticeCard(
  locale: Locale,
  model: { caseId: string; partnerName: string; signalType: string },
): AdaptiveCard {
  const p = texts(locale).privacy;
  return card(
    [
      heading(p.joinNoticeTitle(model.caseId)),
      text(p.joinNoticeText(model.partnerName, signalTypeLabel(locale, model.signalType))),
    ],
    [execute(texts(locale).common.showCase, action('case.show', { caseId: model.caseId }))],
    p.joinNoticeTitle(model.caseId),
  );
}
