import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_CATALOGUE, type ErrorCode } from '@parley/kernel';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown; requestId?: string };
}

// Fastify's own error codes for bad requests, mapped to our catalogue.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_VALIDATION: 'validation_failed',
};

/**
 * The one edge handler: every failure leaves as `{ error: { code, message } }` with a code
 * from the catalogue; unexpected errors are logged with the request id and shown as
 * `internal_error` without internals.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    const send = (code: ErrorCode, message: string, details?: unknown) => {
      const body: ErrorBody = { error: { code, message, ...(details !== undefined ? { details } : {}), requestId: request.id } };
      return reply.status(ERROR_CATALOGUE[code].status).send(body);
    };
    if (error instanceof AppError) return send(error.code, error.message, error.details);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({ path: v.instancePath || '/', message: v.message, context: v.validationContext }));
      return send('validation_failed', 'The request does not match the schema', details);
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) return send('malformed_json', 'The body is not valid JSON');
    const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
    if (mapped) return send(mapped, error.message);
    if (fastifyError.statusCode === 429) return send('rate_limited', 'Too many requests');
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return send(fastifyError.statusCode === 413 ? 'payload_too_large' : fastifyError.statusCode === 415 ? 'unsupported_media_type' : 'validation_failed', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send('internal_error', 'An unexpected error occurred; it was logged with the request id');
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}`, requestId: request.id } };
    return reply.status(404).send(body);
  });
}
