import { useEffect, useState } from 'react';
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  teamsLightTheme,
} from '@fluentui/react-components';
import { localeFrom, texts } from '../../../cards/texts.js';
import { App } from '../App.js';
import { HostTimeout, type Host } from '../host.js';

// Connecting to the host first (Teams may take a moment); when Teams does not answer, a clear
// error instead of a spinner for ever. Teams' locale is not known then: the browser's is used.

type Connection =
  { status: 'connecting' } | { status: 'failed'; error: unknown } | { status: 'connected'; host: Host };

export function Boot({ connect }: { connect: () => Promise<Host> }) {
  const [connection, setConnection] = useState<Connection>({ status: 'connecting' });
  useEffect(() => {
    connect().then(
      (host) => setConnection({ status: 'connected', host }),
      (error: unknown) => setConnection({ status: 'failed', error }),
    );
  }, [connect]);
  if (connection.status === 'connected') return <App host={connection.host} />;
  const t = texts(localeFrom(navigator.language)).tab.shell;
  return (
    <FluentProvider theme={teamsLightTheme}>
      <main>
        {connection.status === 'connecting' ? (
          <Spinner label={t.connecting} />
        ) : (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t.appName}</MessageBarTitle>
              {connection.error instanceof HostTimeout
                ? t.teamsTimeout
                : t.teamsFailed(
                    connection.error instanceof Error ? connection.error.message : String(connection.error),
                  )}
            </MessageBarBody>
          </MessageBar>
        )}
      </main>
    </FluentProvider>
  );
}
