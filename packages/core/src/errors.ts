/**
 * One error hierarchy for every package. Codes are stable strings so plugins can map them to HTTP statuses,
 * Slack ephemeral messages or Adaptive Card errors without `instanceof` across bundles.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'AUTH'
  | 'CONFLICT'
  | 'CONFIGURATION'
  | 'INTERNAL';

export interface FieldIssue {
  /** Dotted path of the bad field, e.g. `phases.2.sessions.0.weekOffset`. Empty for the whole input. */
  path: string;
  /** Dutch message a civil servant understands. */
  message: string;
}

export class VisielerenError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export class ValidationError extends VisielerenError {
  readonly issues: FieldIssue[];

  constructor(message: string, issues: FieldIssue[] = [], options?: { cause?: unknown }) {
    super('VALIDATION', message, options);
    this.issues = issues;
  }
}

export class NotFoundError extends VisielerenError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

export class RateLimitError extends VisielerenError {
  readonly retryAfterMs: number;

  constructor(message: string, retryAfterMs: number) {
    super('RATE_LIMITED', message);
    this.retryAfterMs = retryAfterMs;
  }
}

export class AuthError extends VisielerenError {
  constructor(message: string) {
    super('AUTH', message);
  }
}

export class ConflictError extends VisielerenError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export class ConfigurationError extends VisielerenError {
  constructor(message: string) {
    super('CONFIGURATION', message);
  }
}

export function isVisielerenError(error: unknown): error is VisielerenError {
  return error instanceof Error && typeof (error as Partial<VisielerenError>).code === 'string';
}

/**
 * An error that trying again cannot fix (bad input, something that no longer exists, no permission): a job
 * that throws one fails at once instead of being retried.
 */
export function isPermanentError(error: unknown): boolean {
  return isVisielerenError(error) && (['VALIDATION', 'NOT_FOUND', 'AUTH'] as string[]).includes(error.code);
}
