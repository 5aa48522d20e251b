import { makeStyles, tokens } from '@fluentui/react-components';
import type { CaseView } from '../../../../casework/reads/views.js';
import { useShell, useTexts } from '../../context.js';
import { ContactDialog } from './ContactDialog.js';
import { NoteDialog } from './NoteDialog.js';
import { OutcomeDialog } from './OutcomeDialog.js';
import { PostponeDialog } from './PostponeDialog.js';
import { Section } from './Section.js';
import { TakeOverDialog } from './TakeOverDialog.js';
import type { ActionProps } from './action-props.js';

// What the reader may do on the case, offered as the cards offer it: the step's actions to whoever
// may act on the step (the server's `mayAct`), a confidential note to whoever sees the personal
// data; nothing on a closed case. The server checks again.

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export function CaseActions({
  view,
  onChanged,
  reload,
}: {
  view: CaseView;
  onChanged: (view: CaseView) => void;
  reload: () => Promise<void>;
}) {
  const { api } = useShell();
  const t = useTexts();
  const styles = useStyles();
  const open = view.status === 'open';
  const onStep = open && view.mayAct === true && view.stepId !== null;
  const note = open && view.personal !== null;
  if (!onStep && !note) return null;
  const props: ActionProps = {
    send: async (action, body) => {
      const path = `/cases/${encodeURIComponent(view.caseId)}/${action}`;
      onChanged(await api.post<CaseView>(path, { ...body, version: view.version }));
    },
    reload,
    subtitle: `${t.case.title(view.caseId)} · ${view.stepName ?? ''}`,
  };
  return (
    <Section title={t.tab.case.actions}>
      <div className={styles.bar}>
        {onStep && (
          <>
            <ContactDialog {...props} />
            <OutcomeDialog {...props} outcomes={view.outcomes} solutions={view.solutions} />
            <TakeOverDialog {...props} view={view} />
            <PostponeDialog {...props} view={view} />
          </>
        )}
        {note && <NoteDialog {...props} />}
      </div>
    </Section>
  );
}
