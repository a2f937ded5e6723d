import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { AppError, type StoredFile } from '@parley/kernel';
import { ALLOWED_ATTACHMENT_TYPES, checkAttachment, requirePermission, safeFileName } from '@parley/domain';
import { principalOf } from '../auth.js';
import { errorSchema, idParams } from '../dto.js';
import type { ServerContext } from '../server-context.js';

const attachmentDto = z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number(), sha256: z.string() });

/**
 * Upload (raw body, type checked on the bytes), authenticated download, and signed download
 * links for channels and webhook receivers. Files are always served as downloads with
 * nosniff and a sandbox CSP, never rendered as a page of ours.
 */
export function attachmentRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    for (const type of ALLOWED_ATTACHMENT_TYPES) {
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: ctx.config.attachmentMaxBytes }, (_req, body, done) => done(null, body));
    }

    app.post(
      '/api/v1/attachments',
      {
        bodyLimit: ctx.config.attachmentMaxBytes,
        schema: {
          tags: ['attachments'],
          summary: 'Upload a file (the raw bytes as the body, its type as Content-Type); then reference its id in a reply',
          querystring: z.object({ fileName: z.string().min(1).max(255) }),
          response: { 201: attachmentDto, 422: errorSchema },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        requirePermission(principal, 'conversations:reply');
        const data = request.body;
        if (!Buffer.isBuffer(data)) throw new AppError('attachment_rejected', `Send the file as the raw body with one of: ${ALLOWED_ATTACHMENT_TYPES.join(', ')}`);
        const checked = checkAttachment(data, request.headers['content-type'] ?? '', ctx.config.attachmentMaxBytes);
        if (!checked.ok) throw new AppError('attachment_rejected', `Attachment refused: ${checked.reason}`);
        const file = await ctx.store.transaction((tx) => tx.files.put({ workspaceId: principal.workspaceId, fileName: safeFileName(request.query.fileName), contentType: checked.contentType, data }));
        return reply.status(201).send(toDto(file));
      },
    );

    app.get('/api/v1/attachments/:id', { schema: { tags: ['attachments'], summary: 'Download a file', params: idParams, response: { 404: errorSchema } } }, async (request, reply) => {
      const principal = principalOf(request);
      requirePermission(principal, 'conversations:read');
      const file = await ctx.store.read.files.get(principal.workspaceId, request.params.id);
      if (!file) throw new AppError('not_found', `Attachment ${request.params.id} does not exist`);
      return sendFile(reply, file);
    });

    app.get(
      '/api/v1/attachments/:id/signed',
      {
        config: { public: true, rateLimit: { max: ctx.config.publicRateLimitPerMinute, timeWindow: '1 minute' } },
        schema: { tags: ['attachments'], summary: 'Download a file through a signed, expiring link', params: idParams, querystring: z.object({ ws: z.uuid(), exp: z.coerce.number().int(), sig: z.string().max(100) }), response: { 404: errorSchema } },
      },
      async (request, reply) => {
        const { ws, exp, sig } = request.query;
        if (!ctx.urlSigner.verify(`${ws}/${request.params.id}`, exp, sig)) throw new AppError('invalid_signature', 'The link is invalid or has expired');
        const file = await ctx.store.read.files.get(ws, request.params.id);
        if (!file) throw new AppError('not_found', `Attachment ${request.params.id} does not exist`);
        // The signature is the authorisation, so other sites' pages (the web chat widget) may load it.
        return sendFile(reply.header('cross-origin-resource-policy', 'cross-origin'), file);
      },
    );
  };
}

function toDto(file: StoredFile): z.infer<typeof attachmentDto> {
  return { id: file.id, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.sizeBytes, sha256: file.sha256 };
}

function sendFile(reply: FastifyReply, file: StoredFile & { data: Buffer }) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=300')
    .send(file.data);
}

/** A signed link valid for `ttlMs` (default 24 h). */
export function signedAttachmentUrl(ctx: Pick<ServerContext, 'publicUrl' | 'urlSigner'>, workspaceId: string, id: string, ttlMs = 86_400_000): string {
  const exp = Date.now() + ttlMs;
  return `${ctx.publicUrl}/api/v1/attachments/${id}/signed?ws=${workspaceId}&exp=${exp}&sig=${ctx.urlSigner.sign(`${workspaceId}/${id}`, exp)}`;
}
