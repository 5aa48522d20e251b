// Named domain errors; bot/ maps each to a reply in one place.

export class CaseworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class CaseNotFound extends CaseworkError {
  constructor(readonly caseId: string) {
    super(`case ${caseId} does not exist`);
  }
}

/** Why something is refused, as a code the bot turns into a sentence in the user's language. */
export type Refusal =
  | { code: 'not_member'; covenant: string }
  | { code: 'awaiting_approval' }
  | { code: 'coordinator_only'; role: string }
  | { code: 'not_your_step'; owner: string }
  | { code: 'no_open_step'; caseId: string }
  | { code: 'sends_no_signals'; partner: string; type?: string }
  | { code: 'no_step_on_case' }
  | { code: 'already_member'; covenant: string }
  | { code: 'no_such_request' }
  | { code: 'personal_chat_only' }
  | { code: 'channel_only' }
  | { code: 'no_covenant' };

export class NotAllowed extends CaseworkError {
  constructor(
    readonly action: string,
    readonly reason: string,
    readonly refusal: Refusal,
  ) {
    super(`not allowed to ${action}: ${reason}`);
  }
}

/** A command carried an older version than the case has: someone else changed it first. */
export class StaleVersion extends CaseworkError {
  constructor(
    readonly caseId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
    readonly lastChangeBy: string,
    readonly lastChangeAt: string,
    /** Set when AanZet itself made the last change (e.g. 'stappenplan'): cards word it. */
    readonly lastChangeSystem?: string,
  ) {
    super(
      `case ${caseId} was changed by ${lastChangeBy} at ${lastChangeAt} (version ${actualVersion}, you had ${expectedVersion})`,
    );
  }
}

/**
 * What is wrong with one field, as a code and its parameters; cards/field-errors.ts says it in
 * the user's language. `field` (the field's own name) lets a sentence name the field.
 */
export interface FieldError {
  code: string;
  params?: Record<string, string | number>;
}

/** Input that breaks a business rule, named by field so a card can show it there. */
export class InvalidInput extends CaseworkError {
  constructor(readonly fieldErrors: Record<string, FieldError>) {
    super(
      Object.entries(fieldErrors)
        .map(
          ([field, error]) =>
            `${field}: ${error.code}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`,
        )
        .join('; '),
    );
  }
}

export class CaseClosed extends CaseworkError {
  constructor(readonly caseId: string) {
    super(`case ${caseId} is closed`);
  }
}
