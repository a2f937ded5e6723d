import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type Clock } from '@parley/kernel';
import type { Principal, Store } from '@parley/domain';
import { principalFromApiToken, principalFromSession } from '@parley/use-cases';

export const SESSION_COOKIE = 'parley_session';
export const CSRF_COOKIE = 'parley_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session or token (health, login, signed webhooks, docs). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authentication on every route unless it is marked `config: { public: true }`: a Bearer API
 * token or the session cookie. Cookie-authenticated writes must echo the CSRF token in the
 * `X-CSRF-Token` header (double submit; the token is bound to the session server-side).
 */
export function installAuth(app: FastifyInstance, store: Store, clock: Clock): void {
  app.decorateRequest('principal', null);
  // onRequest: before the body is parsed or validated, so an anonymous caller learns nothing about a route's schema.
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (request.routeOptions.config?.public) return;
    if (!request.routeOptions.url) return; // 404 handler
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const principal = match?.[1] ? await principalFromApiToken(store, clock, match[1]) : null;
      if (!principal) throw new AppError('unauthenticated', 'The API token is invalid or revoked');
      request.principal = principal;
      return;
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    const session = sessionToken ? await principalFromSession(store, clock, sessionToken) : null;
    if (!session) throw new AppError('unauthenticated', 'Log in or send an API token');
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || header !== session.csrfToken) throw new AppError('csrf_failed', 'Missing or wrong X-CSRF-Token header');
    }
    const { csrfToken: _csrf, ...principal } = session;
    request.principal = principal;
  });
}

/** The authenticated principal of a non-public route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'Log in or send an API token');
  return request.principal;
}
