import type { ReactNode } from 'react';
import { Button, Text, Title1, makeStyles, tokens } from '@fluentui/react-components';
import { useTexts } from '../context.js';

// The app's name (the page's one h1), who is signed in, and in demo mode a way to choose another member.

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    paddingBlock: tokens.spacingVerticalS,
  },
  who: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export function Header(props: { userName?: string; onSwitchUser?: () => void; children?: ReactNode }) {
  const t = useTexts().tab.shell;
  const styles = useStyles();
  return (
    <header>
      <div className={styles.header}>
        <Title1 as="h1">{t.appName}</Title1>
        <div className={styles.who}>
          {props.userName && <Text>{t.signedInAs(props.userName)}</Text>}
          {props.onSwitchUser && (
            <Button appearance="subtle" onClick={props.onSwitchUser}>
              {t.switchUser}
            </Button>
          )}
        </div>
      </div>
      {props.children}
    </header>
  );
}
