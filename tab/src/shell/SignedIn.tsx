import { lazy, Suspense, useEffect, useState } from 'react';
import { Spinner, Tab, TabList } from '@fluentui/react-components';
import { texts } from '../../../cards/texts.js';
import type { TabApi } from '../api.js';
import type { Me } from '../answers.js';
import { ShellProvider, type Place } from '../context.js';
import type { Host } from '../host.js';
import { useLoad } from '../use-load.js';
import { CaseView } from '../views/Case.js';
import { Tasks } from '../views/Tasks.js';
import { ErrorBar } from './ErrorBar.js';
import { Header } from './Header.js';

// Who is signed in (GET /api/tab/me), the tabs (Monitoring only for a coordinator) and the view
// of the current place. Monitoring and its charts load only when opened.

const Monitoring = lazy(() => import('../views/Monitoring.js').then((m) => ({ default: m.Monitoring })));

export function SignedIn(props: { host: Host; api: TabApi; onSwitchUser?: () => void }) {
  const { host, api } = props;
  const t = texts(host.locale);
  const [place, setPlace] = useState<Place>(host.place);
  const [me, retryMe] = useLoad(() => api.get<Me>('/me'), 'me');
  useEffect(() => host.onPlaceChange(setPlace), [host]);
  // Teams keeps its loading indicator until told; an error is ours to show, so it is told then too.
  useEffect(() => {
    if (me.status !== 'loading') host.ready();
  }, [me.status, host]);

  const coordinator = me.status === 'done' && me.data.memberships.some((m) => m.coordinator);
  // A deep link to Monitoring for someone who is not a coordinator opens Mijn taken.
  const shown: Place = place.view === 'monitoring' && !coordinator ? { view: 'tasks' } : place;
  const title =
    shown.view === 'case'
      ? t.case.title(shown.caseId)
      : shown.view === 'monitoring'
        ? t.tab.monitoring.title
        : t.tab.tasks.title;
  useEffect(() => {
    document.title = t.tab.shell.documentTitle(title);
  }, [t, title]);

  const go = (next: Place) => {
    setPlace(next);
    host.showPlace(next);
  };
  const shell = { api, locale: host.locale, navigation: { place: shown, go } };
  return (
    <ShellProvider shell={shell}>
      <Header userName={me.status === 'done' ? me.data.name : undefined} onSwitchUser={props.onSwitchUser}>
        {me.status === 'done' && (
          <TabList
            aria-label={t.tab.shell.views}
            selectedValue={shown.view === 'monitoring' ? 'monitoring' : 'tasks'}
            onTabSelect={(_, data) =>
              go(data.value === 'monitoring' ? { view: 'monitoring' } : { view: 'tasks' })
            }
          >
            <Tab value="tasks">{t.tab.tasks.title}</Tab>
            {coordinator && <Tab value="monitoring">{t.tab.monitoring.title}</Tab>}
          </TabList>
        )}
      </Header>
      <main>
        {me.status === 'loading' && <Spinner label={t.tab.shell.loading} />}
        {me.status === 'failed' && (
          <ErrorBar
            title={t.tab.shell.meFailed}
            error={me.error}
            retryLabel={t.tab.shell.retry}
            onRetry={retryMe}
          />
        )}
        {me.status === 'done' &&
          (shown.view === 'case' ? (
            <CaseView key={shown.caseId} />
          ) : shown.view === 'monitoring' ? (
            <Suspense fallback={<Spinner label={t.tab.shell.loading} />}>
              <Monitoring />
            </Suspense>
          ) : (
            <Tasks />
          ))}
      </main>
    </ShellProvider>
  );
}
