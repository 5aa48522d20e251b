import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
} from '@fluentui/react-components';
import { useLoad } from '../use-load.js';
import { useState } from 'react';
import { useShell, useTexts } from '../context.js';
import type { CovenantFigures, Me } from './monitoring/answers.js';
import { isRefusal } from './monitoring/errors.js';
import { messageOf } from '../api.js';
import { ExportButtons } from './monitoring/ExportButtons.js';
import { FiguresView } from './monitoring/FiguresView.js';
import { periodProblem, presetPeriod, todayInAmsterdam, type Period } from './monitoring/period.js';
import { PeriodPicker } from './monitoring/PeriodPicker.js';
import { useMonitoringStyles } from './monitoring/styles.js';

// Monitoring (coordinators): a covenant's figures over a period as tiles and charts, with the
// export. Loaded lazily by the shell: the charts library stays out of the first view.

export function Monitoring() {
  const { api } = useShell();
  const t = useTexts();
  const styles = useMonitoringStyles();
  const [me, retryMe] = useLoad(() => api.get<Me>('/me'), 'me');
  return (
    <div className={styles.view}>
      <h2 className={styles.title}>{t.tab.monitoring.title}</h2>
      {me.status === 'loading' || me.status === 'idle' ? (
        <Spinner label={t.tab.monitoring.loading} />
      ) : me.status === 'failed' ? (
        <Failure error={me.error} retry={retryMe} />
      ) : (
        <CoordinatorFigures
          covenants={me.data.memberships
            .filter((m) => m.coordinator)
            .map((m) => ({ id: m.covenantId, name: m.covenantName }))}
        />
      )}
    </div>
  );
}

function CoordinatorFigures({ covenants }: { covenants: { id: string; name: string }[] }) {
  const { api, navigation } = useShell();
  const w = useTexts().tab.monitoring;
  const styles = useMonitoringStyles();
  // The covenant lives in the place (#/monitoring/<id>, a deep link's monitoring:<id>), so the
  // address follows the choice and a link opens it; one not coordinated falls back to the first.
  const asked = navigation.place.view === 'monitoring' ? navigation.place.covenantId : undefined;
  const covenantId = covenants.find((c) => c.id === asked)?.id ?? covenants[0]?.id ?? '';
  const setCovenantId = (id: string) => navigation.go({ view: 'monitoring', covenantId: id });
  const [today] = useState(todayInAmsterdam);
  const [period, setPeriod] = useState<Period>(() => presetPeriod('thisYear', today));
  const ready = covenantId !== '' && periodProblem(period) === null;
  const query = { covenant: covenantId, from: period.from, to: period.to };
  const [figures, retry] = useLoad(
    () => api.get<CovenantFigures>('/figures', query),
    ready ? JSON.stringify(query) : null,
  );

  if (covenants.length === 0)
    return (
      <MessageBar intent="warning">
        <MessageBarBody>
          <MessageBarTitle>{w.refusedTitle}</MessageBarTitle>
          {w.notCoordinator}
        </MessageBarBody>
      </MessageBar>
    );
  return (
    <>
      <div className={styles.controls}>
        <Field label={w.covenant}>
          <Select value={covenantId} onChange={(_, data) => setCovenantId(data.value)}>
            {covenants.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <PeriodPicker period={period} today={today} onChange={setPeriod} />
      </div>
      {figures.status === 'loading' ? (
        <Spinner label={w.loading} />
      ) : figures.status === 'failed' ? (
        <Failure error={figures.error} retry={retry} />
      ) : figures.status === 'done' ? (
        <>
          <ExportButtons covenantId={covenantId} period={period} />
          <FiguresView figures={figures.data} />
        </>
      ) : null}
    </>
  );
}

/** A refusal (403) says why, in the server's words; anything else can be tried again. */
function Failure({ error, retry }: { error: unknown; retry(): void }) {
  const t = useTexts();
  const w = t.tab.monitoring;
  const refused = isRefusal(error);
  return (
    <MessageBar intent={refused ? 'warning' : 'error'}>
      <MessageBarBody>
        <MessageBarTitle>{refused ? w.refusedTitle : w.failedTitle}</MessageBarTitle>
        {messageOf(error, t.tab.monitoring.failedText)}
      </MessageBarBody>
      {refused ? null : (
        <MessageBarActions>
          <Button onClick={retry}>{w.retry}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
