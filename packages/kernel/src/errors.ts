/**
 * The one catalogue of error codes Parley returns. Every 4xx/5xx body is
 * `{ error: { code, message, details?, requestId } }` with a code from this list; `docs/errors.md`
 * documents each one and a test keeps the two in step.
 */
export const ERROR_CATALOGUE = {
  validation_failed: { status: 422, description: 'The request body, query or parameters do not match the schema.' },
  malformed_json: { status: 400, description: 'The body is not valid JSON.' },
  unsupported_media_type: { status: 415, description: 'The Content-Type is not accepted by this route.' },
  payload_too_large: { status: 413, description: 'The body is larger than the configured limit.' },
  unauthenticated: { status: 401, description: 'No valid session cookie or API token was presented, or it has expired.' },
  invalid_credentials: { status: 401, description: 'The email or password is wrong.' },
  invalid_signature: { status: 401, description: 'The webhook signature is missing or does not match the body.' },
  csrf_failed: { status: 403, description: 'A cookie-authenticated write came without the matching CSRF token.' },
  forbidden: { status: 403, description: 'The caller is authenticated but its role lacks the permission.' },
  not_found: { status: 404, description: 'The route does not exist.' },
  workspace_not_found: { status: 404, description: 'No such workspace for this caller.' },
  customer_not_found: { status: 404, description: 'No such customer in this workspace.' },
  conversation_not_found: { status: 404, description: 'No such conversation in this workspace.' },
  channel_not_found: { status: 404, description: 'No such channel in this workspace.' },
  message_not_found: { status: 404, description: 'No such message in this workspace.' },
  user_not_found: { status: 404, description: 'No such user in this workspace.' },
  api_token_not_found: { status: 404, description: 'No such API token in this workspace.' },
  email_taken: { status: 409, description: 'A user with this email already exists.' },
  idempotency_conflict: { status: 409, description: 'The Idempotency-Key was already used with a different request.' },
  invalid_state: { status: 409, description: 'The operation does not apply to the resource in its current state.' },
  identity_conflict: { status: 409, description: 'The identity already belongs to another customer.' },
  connector_not_found: { status: 404, description: 'No such customer connector in this workspace.' },
  connector_name_taken: { status: 409, description: 'Another customer connector of the workspace has this name.' },
  merge_not_found: { status: 404, description: 'No such customer merge in this workspace.' },
  merge_suggestion_not_found: { status: 404, description: 'No such merge suggestion in this workspace.' },
  checklist_step_not_found: { status: 404, description: 'The conversation follows no procedure, or its checklist has no such step.' },
  unknown_disposition: { status: 422, description: 'The wrap-up disposition code is not one of the workspace’s codes.' },
  merge_not_reversible: {
    status: 409,
    description: 'The merge cannot be undone cleanly: already undone, or its rows moved again since (undo the later merge first).',
  },
  consent_revoked: { status: 409, description: 'The customer revoked consent for this address and purpose.' },
  message_window_closed: {
    status: 409,
    description: "The channel's free-form messaging window (e.g. WhatsApp's 24 hours since the customer's last message) is closed.",
  },
  customer_unreachable: { status: 422, description: 'The customer has no address this channel can deliver to; give one collected in the conversation.' },
  unsupported_channel_type: { status: 422, description: 'The channel type is unknown or cannot be created this way.' },
  invalid_channel_config: { status: 422, description: 'The channel configuration is invalid for its type.' },
  invalid_cursor: { status: 400, description: 'The pagination cursor is malformed.' },
  attachment_rejected: { status: 422, description: 'The attachment type or size is not allowed.' },
  outbound_url_blocked: { status: 422, description: 'The URL points to a loopback, private or otherwise forbidden address.' },
  rate_limited: { status: 429, description: 'Too many requests; retry after the delay in the Retry-After header.' },
  unavailable: { status: 503, description: 'A dependency (database, Redis) is not reachable.' },
  internal_error: { status: 500, description: 'An unexpected error; it is logged with the request id.' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/**
 * An expected failure with a stable code. Domain code throws it; the HTTP edge maps the
 * code to its status. Never put framework types in here.
 *
 * @example
 * throw new AppError('conversation_not_found', `Conversation ${id} does not exist`);
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
