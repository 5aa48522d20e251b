import { app, authentication } from '@microsoft/teams-js';

// A stand-in for the tab while the tab is being written: the real teams-js, bundled by vite,
// does what the tab's start does and writes every answer into the page for the test to read.

const show = (id: string, text: string) => {
  const element = document.getElementById(id);
  if (element) element.textContent = text;
};
const themes: string[] = [];

async function probe(): Promise<void> {
  await app.initialize();
  show('initialized', 'yes');
  const context = await app.getContext();
  show(
    'context',
    JSON.stringify({
      locale: context.app.locale,
      theme: context.app.theme,
      hostName: context.app.host.name,
      pageId: context.page.id,
      subPageId: context.page.subPageId,
      frameContext: context.page.frameContext,
      userId: context.user?.id,
      tenantId: context.user?.tenant?.id,
    }),
  );
  app.registerOnThemeChangeHandler((theme) => {
    themes.push(theme);
    show('themes', themes.join(' '));
    // As Teams does, the host's context follows the theme too.
    app.getContext().then(
      (now) => show('context-theme', now.app.theme),
      (error: unknown) => show('error', String(error)),
    );
  });
  const token = await authentication.getAuthToken();
  show('token', token);
  // As the tab does: its own server's API (on the host's origin), signed in with that token.
  const me = await fetch('/api/tab/me', { headers: { Authorization: `Bearer ${token}` } });
  show('me', `${me.status} ${await me.text()}`);
  await app.notifySuccess();
}

probe().catch((error: unknown) => show('error', error instanceof Error ? error.message : String(error)));
