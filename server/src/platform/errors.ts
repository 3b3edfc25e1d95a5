import type { ErrorCode } from '@fengqiao/shared';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** HTTP status for each stable error code: the only place codes meet HTTP. */
export const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  OVERLOADED: 503,
  NOT_ENOUGH_DATA: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  INTERNAL: 500,
};

/** The one error type use cases throw; messages are meant for the person reading them. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Sent as the Retry-After header (whole seconds) with a 429 or 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return STATUS_OF[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string, details?: ErrorDetail[]) => new AppError('CONFLICT', message, details);
export const invalid = (message: string, details?: ErrorDetail[]) => new AppError('VALIDATION_FAILED', message, details);
