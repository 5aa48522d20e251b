import { contactAttemptInput, outcomeInput, parseInput } from '../../casework/commands/inputs.js';
import { caseIdOf, noteBody, parse, postponeBody, takeOverBody, versioned } from './requests.js';
import type { TabRoutes } from './tab-routes.js';

// A case in the tab: its whole story, and the actions the cards offer, through the same use
// cases. Each change answers with the case as it is now, and plans the notices the card's
// handler plans (only the outcome has any: take over, postpone and a note plan none).

const TAB_VIEW = { withPersonalData: true, sharedPlace: false } as const;

export function addCaseRoutes({ server, deps, answer, jsonBody }: TabRoutes): void {
  const { casework } = deps;

  server.get(
    '/api/tab/cases/:id',
    answer((req, actor, locale) => casework.caseView(actor, caseIdOf(req), { locale, ...TAB_VIEW })),
  );

  server.post(
    '/api/tab/cases/:id/contact',
    ...jsonBody,
    answer(async (req, actor, locale) => {
      const { version, ...rest } = parse(versioned, req.body);
      const after = await casework.logContactAttempt(
        actor,
        caseIdOf(req),
        version,
        parseInput(contactAttemptInput, rest),
      );
      return casework.viewAfter(actor, after, { locale, ...TAB_VIEW });
    }),
  );

  server.post(
    '/api/tab/cases/:id/outcome',
    ...jsonBody,
    answer(async (req, actor, locale) => {
      const { version, ...rest } = parse(versioned, req.body);
      const after = await casework.logOutcome(actor, caseIdOf(req), version, parseInput(outcomeInput, rest));
      // The same notices as after the card's outcome form.
      await deps.notifier.tell(after.notices);
      return casework.viewAfter(actor, after, { locale, ...TAB_VIEW });
    }),
  );

  server.post(
    '/api/tab/cases/:id/take-over',
    ...jsonBody,
    answer(async (req, actor, locale) => {
      const { version } = parse(takeOverBody, req.body);
      const after = await casework.takeOverStep(actor, caseIdOf(req), version);
      return casework.viewAfter(actor, after, { locale, ...TAB_VIEW });
    }),
  );

  server.post(
    '/api/tab/cases/:id/postpone',
    ...jsonBody,
    answer(async (req, actor, locale) => {
      const { version, ...input } = parse(postponeBody, req.body);
      const after = await casework.postponeStep(actor, caseIdOf(req), version, input);
      return casework.viewAfter(actor, after, { locale, ...TAB_VIEW });
    }),
  );

  server.post(
    '/api/tab/cases/:id/note',
    ...jsonBody,
    answer(async (req, actor, locale) => {
      const { version, ...input } = parse(noteBody, req.body);
      const after = await casework.addConfidentialNote(actor, caseIdOf(req), version, input);
      return casework.viewAfter(actor, after, { locale, ...TAB_VIEW });
    }),
  );
}
