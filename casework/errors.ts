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

export class NotAllowed extends CaseworkError {
  constructor(
    readonly action: string,
    readonly reason: string,
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
  ) {
    super(
      `case ${caseId} was changed by ${lastChangeBy} at ${lastChangeAt} (version ${actualVersion}, you had ${expectedVersion})`,
    );
  }
}

/** Input that breaks a business rule, named by field so a card can show it there. */
export class InvalidInput extends CaseworkError {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(
      Object.entries(fieldErrors)
        .map(([field, reason]) => `${field}: ${reason}`)
        .join('; '),
    );
  }
}

export class CaseClosed extends CaseworkError {
  constructor(readonly caseId: string) {
    super(`case ${caseId} is closed`);
  }
}
