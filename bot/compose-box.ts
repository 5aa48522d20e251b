import {
  CardFactory,
  type MessagingExtensionAttachment,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import type { ResultList } from '../dialogs/search.js';
import type { TurnEvent } from './turn/turn.js';

// The compose box in Teams' terms (message extension): the search command's query in, the
// result list out as a MessagingExtensionResponse. The manifest names the command and its
// parameter (manifest.template.json, composeExtensions).

/** The query command and its one parameter, as the manifest declares them. */
export const SEARCH_COMMAND_ID = 'findCase';
export const SEARCH_PARAMETER = 'searchText';

/** The search event of a query (the manifest has one command): the initial run (no text) gives the own open steps. */
export function searchEvent(query: MessagingExtensionQuery): TurnEvent {
  const parameters = query.parameters ?? [];
  const initialRun = parameters.some((p) => p.name === 'initialRun');
  const value = parameters.find((p) => p.name === SEARCH_PARAMETER)?.value as unknown;
  const { skip, count } = query.queryOptions ?? {};
  return {
    kind: 'search',
    text: initialRun || typeof value !== 'string' ? '' : value,
    ...(typeof skip === 'number' ? { skip } : {}),
    ...(typeof count === 'number' ? { count } : {}),
  };
}

/** Cards to pick (each with its preview line), or one line of text. */
export function extensionResponse(list: ResultList): MessagingExtensionResponse {
  if (list.kind === 'message') return { composeExtension: { type: 'message', text: list.text } };
  const attachments: MessagingExtensionAttachment[] = list.items.map((item) => ({
    ...CardFactory.adaptiveCard(item.card),
    preview: CardFactory.thumbnailCard(item.preview.title, item.preview.text, undefined, undefined, {
      subtitle: item.preview.subtitle,
    }),
  }));
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}
