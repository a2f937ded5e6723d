import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '@parley/kernel';
import { addUserToWorkspace, createApiToken, login, logout, revokeApiToken } from '@parley/use-cases';
import { CSRF_COOKIE, SESSION_COOKIE, principalOf } from '../auth.js';
import { errorSchema, idParams } from '../dto.js';
import type { ServerContext } from '../server-context.js';

const meDto = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  workspaceId: z.string(),
  role: z.string(),
  permissions: z.array(z.string()),
});

/** Login, logout, the current user, API tokens and workspace members. */
export function authRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/auth/login',
      {
        config: { public: true, rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Log in with email and password; sets an httpOnly session cookie and returns the CSRF token',
          body: z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(512), workspaceId: z.uuid().optional() }).strict(),
          response: { 200: meDto.extend({ csrfToken: z.string(), expiresAt: z.string() }), 401: errorSchema },
        },
      },
      async (request, reply) => {
        const result = await login(ctx.store, ctx.clock, request.body, ctx.config.sessionTtlHours);
        const cookieOptions = { path: '/', sameSite: 'lax' as const, secure: ctx.secureCookies, expires: result.expiresAt };
        reply.setCookie(SESSION_COOKIE, result.sessionToken, { ...cookieOptions, httpOnly: true });
        // Readable by the app's own scripts so they can echo it in X-CSRF-Token.
        reply.setCookie(CSRF_COOKIE, result.csrfToken, { ...cookieOptions, httpOnly: false });
        const membership = await ctx.store.read.access.getMembership(result.workspaceId, result.user.id);
        return { user: result.user, workspaceId: result.workspaceId, role: result.role, permissions: membership?.permissions ?? [], csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() };
      },
    );

    app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null() } } }, async (request, reply) => {
      principalOf(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(ctx.store, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'The authenticated user', response: { 200: meDto } } }, async (request) => {
      const principal = principalOf(request);
      const user = await ctx.store.read.access.getUser(principal.userId);
      if (!user) throw new AppError('unauthenticated', 'The user no longer exists');
      return { user: { id: user.id, email: user.email, name: user.name }, workspaceId: principal.workspaceId, role: principal.roleKey, permissions: [...principal.permissions] };
    });

    const tokenDto = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });

    app.post(
      '/api/v1/api-tokens',
      {
        schema: {
          tags: ['auth'],
          summary: 'Create an API token acting as you; the token is shown once',
          body: z.object({ name: z.string().trim().min(1).max(100) }).strict(),
          response: { 201: z.object({ id: z.string(), name: z.string(), token: z.string(), createdAt: z.string() }) },
        },
      },
      async (request, reply) => {
        const created = await createApiToken(ctx.store, principalOf(request), request.body.name);
        return reply.status(201).send({ ...created, createdAt: created.createdAt.toISOString() });
      },
    );

    app.get('/api/v1/api-tokens', { schema: { tags: ['auth'], summary: 'List API tokens of the workspace', response: { 200: z.object({ items: z.array(tokenDto) }) } } }, async (request) => {
      const principal = principalOf(request);
      if (!principal.permissions.has('api_tokens:manage')) throw new AppError('forbidden', 'This action needs the "api_tokens:manage" permission');
      const tokens = await ctx.store.read.access.listApiTokens(principal.workspaceId);
      return { items: tokens.map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null })) };
    });

    app.delete('/api/v1/api-tokens/:id', { schema: { tags: ['auth'], summary: 'Revoke an API token', params: idParams, response: { 204: z.null() } } }, async (request, reply) => {
      await revokeApiToken(ctx.store, ctx.clock, principalOf(request), request.params.id);
      return reply.status(204).send(null);
    });

    const memberDto = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string() });
    app.get('/api/v1/users', { schema: { tags: ['users'], summary: 'Members of the workspace', response: { 200: z.object({ items: z.array(memberDto) }) } } }, async (request) => {
      const principal = principalOf(request);
      if (!principal.permissions.has('conversations:read')) throw new AppError('forbidden', 'This action needs the "conversations:read" permission');
      const members = await ctx.store.read.access.listMembers(principal.workspaceId);
      return { items: members.map((m) => ({ id: m.id, email: m.email, name: m.name, role: m.roleKey })) };
    });

    app.post(
      '/api/v1/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Add a user to the workspace with a role (admin, supervisor, agent, knowledge_editor)',
          body: z.object({ email: z.email(), name: z.string().trim().min(1).max(200), password: z.string().min(8).max(512), role: z.string().min(1).max(64) }).strict(),
          response: { 201: memberDto },
        },
      },
      async (request, reply) => reply.status(201).send(await addUserToWorkspace(ctx.store, principalOf(request), request.body)),
    );
  };
}
