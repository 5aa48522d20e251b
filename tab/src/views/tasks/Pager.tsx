import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTexts } from '../../context.js';

// "51–100 of 120" with the previous and next page.

const useStyles = makeStyles({
  pager: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    marginBlock: tokens.spacingVerticalM,
  },
});

export function Pager(props: {
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const t = useTexts().tab.tasks;
  const styles = useStyles();
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const from = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1;
  const to = Math.min(props.total, props.page * props.pageSize);
  return (
    <nav aria-label={t.paging} className={styles.pager}>
      <Button disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        {t.previous}
      </Button>
      <Text aria-live="polite">
        {t.range(from, to, props.total)} · {t.pageOf(props.page, pages)}
      </Text>
      <Button disabled={props.page >= pages} onClick={() => props.onPage(props.page + 1)}>
        {t.next}
      </Button>
    </nav>
  );
}
