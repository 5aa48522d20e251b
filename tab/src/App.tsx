import { useEffect, useMemo, useState } from 'react';
import { FluentProvider, makeStaticStyles, makeStyles, tokens } from '@fluentui/react-components';
import { texts } from '../../cards/texts.js';
import type { TabApi } from './api.js';
import { ShellProvider, type Place, type Shell } from './context.js';
import type { Host } from './host.js';
import { Header } from './shell/Header.js';
import { SignedIn } from './shell/SignedIn.js';
import { THEMES } from './shell/themes.js';
import { signedApi } from './signed-api.js';
import { DemoPicker } from './views/DemoPicker.js';

// The tab: Teams' theme (following the host live), the reader's language, and either the demo
// member picker (local mode, nobody chosen yet) or the signed-in shell with its views.

// The browser's 8px body margin would frame the tab in white, also in the dark theme.
const useBodyStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    paddingInline: tokens.spacingHorizontalXXL,
    paddingBlockEnd: tokens.spacingVerticalXXL,
  },
});

const NOWHERE: Place = { view: 'tasks' };

export function App({ host, api: givenApi }: { host: Host; api?: TabApi }) {
  useBodyStyles();
  const styles = useStyles();
  const [theme, setTheme] = useState(host.theme);
  const [demoMember, setDemoMember] = useState(host.demo?.member());
  const api = useMemo(() => givenApi ?? signedApi(host), [givenApi, host]);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  useEffect(() => {
    document.documentElement.lang = host.locale;
  }, [host.locale]);

  const picking = host.demo !== undefined && !demoMember;
  useEffect(() => {
    if (picking)
      document.title = texts(host.locale).tab.shell.documentTitle(texts(host.locale).tab.shell.demoTitle);
  }, [picking, host.locale]);

  const pickerShell: Shell = { api, locale: host.locale, navigation: { place: NOWHERE, go: () => {} } };
  return (
    <FluentProvider theme={THEMES[theme]}>
      {/* The page's padding on a div of its own: on the provider it would reach Fluent's portals too. */}
      <div className={styles.page}>
        {picking ? (
          <ShellProvider shell={pickerShell}>
            <Header />
            <main>
              <DemoPicker
                onPick={(userId) => {
                  host.demo?.choose(userId);
                  setDemoMember(userId);
                }}
              />
            </main>
          </ShellProvider>
        ) : (
          <SignedIn
            key={demoMember}
            host={host}
            api={api}
            onSwitchUser={
              host.demo
                ? () => {
                    host.demo?.choose(undefined);
                    setDemoMember(undefined);
                  }
                : undefined
            }
          />
        )}
      </div>
    </FluentProvider>
  );
}
