import { makeStyles, tokens } from '@fluentui/react-components';
import type { CaseView } from '../../../../casework/reads/views.js';
import { CaseHeader } from './CaseHeader.js';
import { JoinsSection, OwnEntrySection } from './JoinsSection.js';
import { PersonalSection } from './PersonalSection.js';
import { StepFacts } from './StepFacts.js';
import { Timeline } from './Timeline.js';
import { WhySection } from './WhySection.js';

// The case's story in the order of the personal chat's case card.

const useStyles = makeStyles({
  story: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

export function CaseStory({ view }: { view: CaseView }) {
  const styles = useStyles();
  return (
    <article className={styles.story}>
      <CaseHeader view={view} />
      <StepFacts view={view} />
      {view.status === 'open' && <WhySection view={view} />}
      {view.personal && <PersonalSection personal={view.personal} observation={view.observation} />}
      <OwnEntrySection entries={view.ownEntries ?? []} />
      <JoinsSection view={view} />
      <Timeline entries={view.timeline} />
    </article>
  );
}
