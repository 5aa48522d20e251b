import { Caption1, Text } from '@fluentui/react-components';
import type { JoinedEntry } from '../../../../casework/case/types.js';
import type { CaseView } from '../../../../casework/reads/views.js';
import { addressLine } from '../../../../cards/case-parts.js';
import { shortMoment } from '../../../../cards/format.js';
import { signalTypeLabel } from '../../../../cards/texts.js';
import { useShell, useTexts } from '../../context.js';
import { Facts } from './Facts.js';
import { Section } from './Section.js';

// Signals that joined this case: what the reader's own organisation entered (when it sees no
// more), and the joins as facts with, where the full personal part shows, who entered what.

export function OwnEntrySection({ entries }: { entries: readonly JoinedEntry[] }) {
  const t = useTexts();
  if (entries.length === 0) return null;
  return (
    <Section title={t.privacy.ownEntry}>
      <Caption1>{t.privacy.ownEntryExplain}</Caption1>
      {entries.map((entry) => (
        <HouseholdFacts key={entry.seq} household={entry.household} />
      ))}
    </Section>
  );
}

export function JoinsSection({ view }: { view: CaseView }) {
  const { locale } = useShell();
  const t = useTexts();
  const joins = view.joins ?? [];
  if (joins.length === 0) return null;
  const entries = view.personal?.joined ?? [];
  return (
    <Section title={t.privacy.joinsTitle}>
      {joins.map((join) => {
        const entry = entries.find((e) => e.seq === join.seq);
        return (
          <div key={join.seq}>
            <Text>
              {t.privacy.joinLine(
                join.partnerName,
                signalTypeLabel(locale, join.signalType),
                shortMoment(join.at, locale),
              )}
            </Text>
            {entry && (
              <>
                <Caption1 block>{t.privacy.enteredBy(join.partnerName)}</Caption1>
                <HouseholdFacts household={entry.household} />
              </>
            )}
          </div>
        );
      })}
    </Section>
  );
}

function HouseholdFacts({ household }: { household: JoinedEntry['household'] }) {
  const t = useTexts();
  return (
    <Facts
      facts={[
        [t.case.name, household.name],
        [t.case.address, addressLine({ ...household, notes: [] })],
        [t.case.phone, household.phone],
        [t.case.household, t.case.householdText(household.adults, household.children)],
      ]}
    />
  );
}
