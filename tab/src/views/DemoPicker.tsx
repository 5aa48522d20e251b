import {
  Button,
  Card,
  CardHeader,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ApiError } from '../api.js';
import type { DemoMember } from '../answers.js';
import { useShell, useTexts } from '../context.js';
import { ErrorBar } from '../shell/ErrorBar.js';
import { useLoad } from '../use-load.js';

// Local demo mode outside Teams: choose whose tab to see. The server lists its demo members only
// in local mode; otherwise (404) the tab must be opened in Teams to sign in.

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(18rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    marginBlock: tokens.spacingVerticalM,
    padding: 0,
    listStyleType: 'none',
  },
  memberships: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export function DemoPicker({ onPick }: { onPick: (userId: string) => void }) {
  const { api } = useShell();
  const t = useTexts().tab.shell;
  const styles = useStyles();
  const [members, retry] = useLoad(() => api.get<DemoMember[]>('/demo-members'), 'demo-members');
  return (
    <section aria-labelledby="demo-title">
      <Title2 as="h2" id="demo-title" block>
        {t.demoTitle}
      </Title2>
      {members.status === 'loading' && <Spinner label={t.loading} />}
      {members.status === 'failed' &&
        (members.error instanceof ApiError && members.error.status === 404 ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{t.notLocal}</MessageBarBody>
          </MessageBar>
        ) : (
          <ErrorBar title={t.demoFailed} error={members.error} retryLabel={t.retry} onRetry={retry} />
        ))}
      {members.status === 'done' && (
        <>
          <Text as="p" block>
            {t.demoIntro}
          </Text>
          {members.data.length === 0 ? (
            <Text as="p" block>
              {t.demoNone}
            </Text>
          ) : (
            <ul className={styles.list}>
              {members.data.map((member) => (
                <li key={member.userId}>
                  <Card>
                    <CardHeader header={<Text weight="semibold">{member.name}</Text>} />
                    <ul className={styles.memberships} aria-label={t.demoMemberships}>
                      {member.memberships.map((m) => (
                        <li key={`${m.covenantName}/${m.partnerName}`}>
                          <Text>{t.demoMembership(m.covenantName, m.partnerName)}</Text>
                        </li>
                      ))}
                    </ul>
                    <Button appearance="primary" onClick={() => onPick(member.userId)}>
                      {t.demoPick(member.name)}
                    </Button>
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
