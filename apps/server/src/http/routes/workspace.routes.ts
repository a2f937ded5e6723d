import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IDENTITY_KINDS, type Consent, type Workspace } from '@parley/domain';
import { createTeam, getWorkspace, listConsents, recordConsent, setTeamMember, updateWorkspace } from '@parley/use-cases';
import { principalOf } from '../auth.js';
import { errorSchema, idParams } from '../dto.js';
import type { ServerContext } from '../server-context.js';

const workspaceDto = z.object({ id: z.string(), name: z.string(), slug: z.string(), timeZone: z.string(), locale: z.string(), createdAt: z.string() });
const teamDto = z.object({ id: z.string(), name: z.string(), memberIds: z.array(z.string()) });
const consentDto = z.object({ id: z.string(), addressKind: z.string(), address: z.string(), purpose: z.string(), channelType: z.string().nullable(), status: z.enum(['granted', 'revoked']), source: z.string(), recordedAt: z.string() });

const toWorkspaceDto = (w: Workspace) => ({ id: w.id, name: w.name, slug: w.slug, timeZone: w.timeZone, locale: w.locale, createdAt: w.createdAt.toISOString() });
const toConsentDto = (c: Consent) => ({ ...c, recordedAt: c.recordedAt.toISOString() });

/** Workspace settings, teams and the consent ledger. */
export function workspaceRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/workspace', { schema: { tags: ['workspace'], summary: 'The current workspace', response: { 200: workspaceDto } } }, async (request) => toWorkspaceDto(await getWorkspace(ctx.store, principalOf(request))));

    app.patch(
      '/api/v1/workspace',
      {
        schema: {
          tags: ['workspace'],
          summary: 'Rename the workspace or change its time zone and locale',
          body: z.object({ name: z.string().trim().min(1).max(120).optional(), timeZone: z.string().min(1).max(64).optional(), locale: z.string().min(2).max(8).optional() }).strict(),
          response: { 200: workspaceDto, 422: errorSchema },
        },
      },
      async (request) => toWorkspaceDto(await updateWorkspace(ctx.store, principalOf(request), request.body)),
    );

    app.get('/api/v1/teams', { schema: { tags: ['workspace'], summary: 'Teams and their members', response: { 200: z.object({ items: z.array(teamDto) }) } } }, async (request) => ({
      items: await ctx.store.read.teams.list(principalOf(request).workspaceId),
    }));

    app.post('/api/v1/teams', { schema: { tags: ['workspace'], summary: 'Create a team', body: z.object({ name: z.string().trim().min(1).max(120) }).strict(), response: { 201: teamDto, 409: errorSchema } } }, async (request, reply) =>
      reply.status(201).send(await createTeam(ctx.store, principalOf(request), request.body.name)),
    );

    const memberParams = z.object({ id: z.uuid(), userId: z.uuid() });
    app.put('/api/v1/teams/:id/members/:userId', { schema: { tags: ['workspace'], summary: 'Add a member to a team', params: memberParams, response: { 200: teamDto, 404: errorSchema } } }, async (request) =>
      setTeamMember(ctx.store, principalOf(request), request.params.id, request.params.userId, true),
    );
    app.delete('/api/v1/teams/:id/members/:userId', { schema: { tags: ['workspace'], summary: 'Remove a member from a team', params: memberParams, response: { 200: teamDto, 404: errorSchema } } }, async (request) =>
      setTeamMember(ctx.store, principalOf(request), request.params.id, request.params.userId, false),
    );

    app.get(
      '/api/v1/customers/:id/consents',
      { schema: { tags: ['customers'], summary: 'Current consents (latest per address and purpose) and the full ledger', params: idParams, response: { 200: z.object({ current: z.array(consentDto), history: z.array(consentDto) }), 404: errorSchema } } },
      async (request) => {
        const { current, history } = await listConsents(ctx.store, principalOf(request), request.params.id);
        return { current: current.map(toConsentDto), history: history.map(toConsentDto) };
      },
    );

    app.post(
      '/api/v1/customers/:id/consents',
      {
        schema: {
          tags: ['customers'],
          summary: 'Record a consent change for one address and purpose',
          params: idParams,
          body: z
            .object({
              addressKind: z.enum(IDENTITY_KINDS),
              address: z.string().min(1).max(320),
              purpose: z.string().trim().min(1).max(64),
              status: z.enum(['granted', 'revoked']),
              source: z.string().trim().min(1).max(200),
              channelType: z.string().max(40).nullable().optional(),
            })
            .strict(),
          response: { 201: consentDto, 404: errorSchema, 422: errorSchema },
        },
      },
      async (request, reply) => reply.status(201).send(toConsentDto(await recordConsent(ctx.store, principalOf(request), request.params.id, request.body))),
    );
  };
}
