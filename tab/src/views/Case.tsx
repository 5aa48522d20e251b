import { useCallback, useEffect, useState } from 'react';
import { Button, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { CaseView as CaseViewModel } from '../../../casework/reads/views.js';
import { useShell, useTexts } from '../context.js';
import { CaseActions } from './case/CaseActions.js';
import { CaseStory } from './case/CaseStory.js';
import { messageOf } from '../api.js';

// The Casus view: a case's whole story (as the personal chat's case card tells it) and the
// actions the reader may take; each action's answer is the case as it is now.

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  back: { alignSelf: 'flex-start' },
});

type Shown =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'shown'; view: CaseViewModel };

export function CaseView() {
  const { api, navigation } = useShell();
  const t = useTexts();
  const styles = useStyles();
  const caseId = navigation.place.view === 'case' ? navigation.place.caseId : null;
  const [shown, setShown] = useState<Shown>({ kind: 'loading' });

  const fetchCase = useCallback(
    (id: string) => api.get<CaseViewModel>(`/cases/${encodeURIComponent(id)}`),
    [api],
  );

  useEffect(() => {
    if (caseId === null) return;
    let current = true;
    setShown({ kind: 'loading' });
    fetchCase(caseId).then(
      (view) => current && setShown({ kind: 'shown', view }),
      (error: unknown) =>
        current && setShown({ kind: 'error', message: messageOf(error, t.messages.errorText) }),
    );
    return () => {
      current = false;
    };
  }, [caseId, fetchCase, t]);

  // A reload after a refusal keeps any open form and what was typed in it: no loading state.
  const reload = useCallback(async () => {
    if (caseId === null) return;
    setShown({ kind: 'shown', view: await fetchCase(caseId) });
  }, [caseId, fetchCase]);

  const back = (
    <Button className={styles.back} appearance="subtle" onClick={() => navigation.go({ view: 'tasks' })}>
      {t.tab.case.back}
    </Button>
  );
  if (caseId === null)
    return (
      <div className={styles.page}>
        {back}
        <MessageBar intent="info">
          <MessageBarBody>{t.tab.case.noCase}</MessageBarBody>
        </MessageBar>
      </div>
    );
  return (
    <div className={styles.page}>
      {back}
      {shown.kind === 'loading' && <Spinner label={t.tab.case.loading} />}
      {shown.kind === 'error' && (
        <MessageBar intent="error">
          <MessageBarBody>{shown.message}</MessageBarBody>
        </MessageBar>
      )}
      {shown.kind === 'shown' && (
        <>
          <CaseStory view={shown.view} />
          <CaseActions
            view={shown.view}
            onChanged={(view) => setShown({ kind: 'shown', view })}
            reload={reload}
          />
        </>
      )}
    </div>
  );
}
