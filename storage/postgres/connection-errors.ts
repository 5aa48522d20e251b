import { StoreUnavailable } from '../../casework/ports.js';

// Which driver errors mean "the server cannot be reached now" rather than "this statement is
// wrong": those become StoreUnavailable, so that a turn can say "try again in a while" instead
// of showing a fault, and nothing else (a constraint, a conflict) is mistaken for an outage.

/** Socket errors of node: the server is down, restarting or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of an outage: class 08 (connection exception), admin or crash shutdown, the server
 * starting up or shutting down (57P01–57P03), too many connections (53300).
 */
const OUTAGE_STATES = /^(08...|57P0[123]|53300)$/;

/** node-postgres and pg-pool say these in plain errors without a code. */
const OUTAGE_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
];

export function isOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || OUTAGE_STATES.test(code))) return true;
  if (OUTAGE_MESSAGES.some((message) => error.message.startsWith(message))) return true;
  // AggregateError of net.connect with several addresses (localhost: ::1 and 127.0.0.1).
  if (error instanceof AggregateError) return error.errors.some(isOutage);
  return error.cause !== undefined && error.cause !== error && isOutage(error.cause);
}

/** The error as it should travel on: an outage as StoreUnavailable, anything else as it was. */
export function asStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailable || !isOutage(error)) return error;
  return new StoreUnavailable(
    `PostgreSQL: ${(error as Error).message || (error as { code?: string }).code}`,
    {
      cause: error,
    },
  );
}
