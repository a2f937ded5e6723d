/** An error answered by the API (`{error:{code,message}}`) or a network failure (`status` 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    /** The `error.details` of the answer (e.g. the issues of a 422), when present. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Maps a failed response's status and body to an ApiError.
 * @example toApiError(401, { error: { code: 'unauthenticated', message: 'Log in' } }).code // 'unauthenticated'
 */
export function toApiError(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === 'object' && error !== null) {
      const { code, message, requestId, details } = error as Record<string, unknown>;
      if (typeof code === 'string')
        return new ApiError(status, code, typeof message === 'string' ? message : code, typeof requestId === 'string' ? requestId : undefined, details);
    }
  }
  return new ApiError(status, `http_${status}`, `The server answered ${status}`);
}
