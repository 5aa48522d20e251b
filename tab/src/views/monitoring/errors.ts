import { ApiError } from '../../api.js';

/** The reader may not see these figures (403): said as a warning, not as a failure. */
export function isRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 403;
}
