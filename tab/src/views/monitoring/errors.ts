import type { Texts } from '../../../../cards/texts.js';
import { ApiError } from '../../api.js';

/** The server's message (already in the reader's language), or a general one when there is none. */
export function errorMessage(error: unknown, t: Texts): string {
  return error instanceof ApiError && error.message !== '' ? error.message : t.tab.monitoring.failedText;
}

export function isRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 403;
}
