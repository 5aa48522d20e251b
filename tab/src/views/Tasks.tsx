import { useEffect, useState } from 'react';
import { Spinner, Subtitle2, Title2, makeStyles, tokens } from '@fluentui/react-components';
import type { CovenantChoice, TasksPage } from '../answers.js';
import { useShell, useTexts } from '../context.js';
import { ErrorBar } from '../shell/ErrorBar.js';
import { useLoad } from '../use-load.js';
import { Pager } from './tasks/Pager.js';
import { TaskFilters } from './tasks/TaskFilters.js';
import { TaskTable } from './tasks/TaskTable.js';
import {
  apiQuery,
  isFiltered,
  rememberedQuery,
  rememberQuery,
  sortedBy,
  type TasksQuery,
} from './tasks/tasks-query.js';

// Mijn taken: the open steps of the user's organisation (all partners' steps when a coordinator
// picks a covenant), filtered, sorted and paged by the server, so thousands of cases stay quick.

const useStyles = makeStyles({
  state: { marginBlock: tokens.spacingVerticalL },
});

export function Tasks() {
  const { api } = useShell();
  const t = useTexts().tab.tasks;
  const styles = useStyles();
  const [query, setQueryState] = useState<TasksQuery>(() => rememberedQuery());
  const setQuery = (next: TasksQuery) => {
    rememberQuery(next);
    setQueryState(next);
  };
  const asked = apiQuery(query);
  const [tasks, retryTasks] = useLoad(() => api.get<TasksPage>('/tasks', asked), JSON.stringify(asked));
  // A remembered page beyond the end (cases were closed meanwhile): the last page that has steps.
  const beyondEnd = tasks.status === 'done' && tasks.data.items.length === 0 && tasks.data.total > 0;
  const lastPage =
    tasks.status === 'done' ? Math.max(1, Math.ceil(tasks.data.total / tasks.data.pageSize)) : 1;
  useEffect(() => {
    if (beyondEnd && query.page > lastPage) setQuery({ ...query, page: lastPage });
  });
  const [covenants, retryCovenants] = useLoad(() => api.get<CovenantChoice[]>('/covenants'), 'covenants');

  return (
    <section aria-labelledby="tasks-title">
      <Title2 as="h2" id="tasks-title">
        {t.title}
      </Title2>
      {covenants.status === 'failed' && (
        <ErrorBar
          title={t.covenantsFailed}
          error={covenants.error}
          retryLabel={t.retry}
          onRetry={retryCovenants}
        />
      )}
      <TaskFilters
        query={query}
        covenants={covenants.status === 'done' ? covenants.data : []}
        onChange={setQuery}
      />
      {tasks.status === 'loading' && <Spinner className={styles.state} label={t.loading} />}
      {tasks.status === 'failed' && (
        <ErrorBar title={t.failed} error={tasks.error} retryLabel={t.retry} onRetry={retryTasks} />
      )}
      {tasks.status === 'done' && tasks.data.total === 0 && (
        <Subtitle2 as="p" className={styles.state}>
          {isFiltered(query) ? t.emptyFiltered : t.empty}
        </Subtitle2>
      )}
      {tasks.status === 'done' && tasks.data.total > 0 && (
        <>
          <TaskTable
            steps={tasks.data.items}
            query={query}
            onSort={(key) => setQuery(sortedBy(query, key))}
          />
          <Pager
            total={tasks.data.total}
            page={tasks.data.page}
            pageSize={tasks.data.pageSize}
            onPage={(page) => setQuery({ ...query, page })}
          />
        </>
      )}
    </section>
  );
}
