import { Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { PersonalData } from '../../../../casework/case/types.js';
import type { CaseView } from '../../../../casework/reads/views.js';
import { addressLine, householdWords } from '../../../../cards/case-parts.js';
import { formatPhone, shortMoment } from '../../../../cards/format.js';
import { useShell, useTexts } from '../../context.js';
import { Facts } from './Facts.js';
import { Section } from './Section.js';

// The household as the personal chat's case card shows it, and the confidential notes the reader
// may read. Only rendered when the server sent `personal` (it audited that read); typed text is
// shown as text.

const useStyles = makeStyles({
  notes: { margin: 0, paddingLeft: tokens.spacingHorizontalL, whiteSpace: 'pre-wrap' },
});

export function PersonalSection({
  personal,
  observation,
}: {
  personal: PersonalData;
  observation: CaseView['observation'];
}) {
  const { locale } = useShell();
  const t = useTexts();
  const styles = useStyles();
  return (
    <Section title={t.case.personal}>
      <Facts
        facts={[
          [t.case.name, personal.name],
          [t.case.address, addressLine(personal)],
          [t.case.phone, personal.phone === undefined ? undefined : formatPhone(personal.phone)],
          [t.case.household, householdWords(personal, observation, locale)],
        ]}
      />
      {personal.notes.length > 0 && (
        <>
          <Subtitle2 as="h4">{t.case.notes}</Subtitle2>
          <ul className={styles.notes}>
            {personal.notes.map((note, i) => (
              <li key={i}>{`${shortMoment(note.at, locale)}: ${note.text}`}</li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
