import { useState } from 'react';
import { Button, Checkbox, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { CovenantChoice } from '../../answers.js';
import { useTexts } from '../../context.js';
import type { TasksQuery } from './tasks-query.js';

// Covenant and partner to look at, the late / crisis / children ticks and the case id search.
// Every change starts again at page 1.

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    marginBlock: tokens.spacingVerticalM,
  },
  search: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
});

export function TaskFilters(props: {
  query: TasksQuery;
  covenants: CovenantChoice[];
  onChange: (query: TasksQuery) => void;
}) {
  const t = useTexts().tab.tasks;
  const styles = useStyles();
  const { query } = props;
  // The search box keeps what was typed until it is searched for.
  const [typed, setTyped] = useState(query.q);
  const change = (fields: Partial<TasksQuery>) => props.onChange({ ...query, ...fields, page: 1 });
  const partners = props.covenants.find((c) => c.id === query.covenant)?.partners ?? [];
  return (
    <div role="search" aria-label={t.filters} className={styles.bar}>
      <Field label={t.covenant}>
        <Select value={query.covenant} onChange={(_, data) => change({ covenant: data.value, partner: '' })}>
          <option value="">{t.allCovenants}</option>
          {props.covenants.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t.partner} hint={query.covenant ? undefined : t.partnerNeedsCovenant}>
        <Select
          value={query.partner}
          disabled={!query.covenant}
          onChange={(_, data) => change({ partner: data.value })}
        >
          <option value="">{t.allPartners}</option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Checkbox
        label={t.lateOnly}
        checked={query.late}
        onChange={(_, d) => change({ late: d.checked === true })}
      />
      <Checkbox
        label={t.crisisOnly}
        checked={query.crisis}
        onChange={(_, d) => change({ crisis: d.checked === true })}
      />
      <Checkbox
        label={t.childrenOnly}
        checked={query.children}
        onChange={(_, d) => change({ children: d.checked === true })}
      />
      <form
        className={styles.search}
        onSubmit={(event) => {
          event.preventDefault();
          change({ q: typed.trim() });
        }}
      >
        <Field label={t.search}>
          <Input type="search" value={typed} onChange={(_, d) => setTyped(d.value)} />
        </Field>
        <Button type="submit">{t.searchButton}</Button>
      </form>
      <Button
        appearance="subtle"
        onClick={() => {
          setTyped('');
          change({ covenant: '', partner: '', late: false, crisis: false, children: false, q: '' });
        }}
      >
        {t.clear}
      </Button>
    </div>
  );
}
