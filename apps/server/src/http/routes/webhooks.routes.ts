import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { AppError } from '@parley/kernel';
import { normalizeIdentity, type Channel } from '@parley/domain';
import type { ChannelAdapter, InboundEvent, RawInboundRequest, WebhookReply } from '@parley/channel-sdk';
import { hintsOf } from '@parley/channel-sdk';
import { recordDeliveryStatus, recordInboundConsent, resolveMenuChoice, sendAutomaticReply } from '@parley/use-cases';
import { errorSchema } from '../dto.js';
import type { ServerContext } from '../server-context.js';
import { TtlCache } from '../../infra/ttl-cache.js';
import { replaceNul } from '../replace-nul.js';

type InboundChannel = Channel & { sealedSecrets: unknown };
interface LoadedChannel {
  channel: InboundChannel;
  secrets: Record<string, string>;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// An app-level body names at most this many numbers or pages: a bound on the lookups a forged body can cause.
const MAX_DISPATCH_KEYS = 50;
// Channels checked for an app-level verification handshake (one GET when the operator saves the app's webhook).
const MAX_HANDSHAKE_CHANNELS = 1000;

const providerParams = z.object({ provider: z.string().min(1).max(40) });
const channelParams = providerParams.extend({ channelId: z.string().min(1).max(100) });
const DESCRIPTION =
  'Provider webhooks. `provider` is the channel type or its webhook name (`whatsapp`, `messenger`, `instagram`, `twilio`, `telegram`, `google`…). ' +
  'The signature is checked on the raw body (401 `invalid_signature` and nothing stored); the answer (200, or TwiML for Twilio) is sent only after the events are committed. ' +
  'Provider message ids make replays harmless. GET answers verification handshakes (Meta `hub.challenge`).';

/**
 * Provider webhooks for every registered adapter: `/webhooks/{provider}/{channelId}` and, for
 * providers whose apps send one webhook for many numbers or pages (Meta), `/webhooks/{provider}`
 * dispatching on the ids in the body. Messages go through the ingestor, delivery statuses and
 * consent keywords through their flows; nothing is acknowledged before it is committed.
 */
export function webhookRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  // The same few seconds of staleness as the API channel's inbound route (see inbound.routes.ts).
  const cache = new TtlCache<string, LoadedChannel | null>(5_000, 5_000);
  const open = (channel: InboundChannel | null): LoadedChannel | null =>
    channel && channel.enabled ? { channel, secrets: ctx.sealer.open(channel.sealedSecrets) } : null;
  const loadById = async (id: string): Promise<LoadedChannel | null> => {
    const loaded = await cache.get(`id:${id}`, async () => open(await ctx.store.read.channels.getForInbound(id)));
    // Misses are not remembered: the channel may be created a moment later.
    if (!loaded) cache.delete(`id:${id}`);
    return loaded;
  };
  const loadByKey = async (type: string, configKey: string, value: string): Promise<LoadedChannel | null> => {
    const key = `key:${type}:${configKey}:${value}`;
    const loaded = await cache.get(key, async () => open(await ctx.store.read.channels.findForInboundByConfig(type, configKey, value)));
    if (!loaded) cache.delete(key);
    return loaded;
  };

  const adapters = (): ChannelAdapter[] => ctx.channels.types().map((type) => ctx.channels.get(type));
  const providerOf = (adapter: ChannelAdapter) => adapter.manifest.webhookProvider ?? adapter.manifest.type;
  const appAdapters = (provider: string) => adapters().filter((a) => a.manifest.appWebhook?.providers.includes(provider) && a.dispatchKeys);

  const rawOf = (request: { headers: RawInboundRequest['headers']; rawBody?: Buffer; url: string }): RawInboundRequest => ({
    headers: request.headers,
    rawBody: request.rawBody ?? Buffer.alloc(0),
    url: `${ctx.publicUrl}${request.url}`,
  });

  const send = (reply: FastifyReply, answer: WebhookReply) => reply.status(answer.status).header('content-type', answer.contentType).send(answer.body);

  /** Parses and records one channel's events; throws before storing anything if the body is not understood. */
  async function receive(
    adapter: ChannelAdapter,
    loaded: LoadedChannel,
    raw: RawInboundRequest,
  ): Promise<{ stored: number; duplicates: number; events: InboundEvent[] }> {
    const { channel } = loaded;
    let parsed: ReturnType<ChannelAdapter['parseInbound']>;
    try {
      parsed = adapter.parseInbound(raw, { id: channel.id, config: channel.config });
    } catch (err) {
      // A parser bug on a hostile body must not become a 5xx (providers retry those for days).
      ctx.metrics.inboundMessages.inc({ channel_type: channel.type, outcome: 'unparsable' });
      throw new AppError('validation_failed', `The ${channel.type} webhook body could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!parsed.ok) throw new AppError(parsed.code, parsed.message, parsed.details);
    let stored = 0;
    let duplicates = 0;
    for (const event of parsed.events) {
      // A signed message with a NUL in its text is still the customer's message: kept, with U+FFFD in its place.
      const outcome = await record(channel, replaceNul(event));
      if (outcome === 'stored') stored++;
      else if (outcome === 'duplicate') duplicates++;
    }
    return { stored, duplicates, events: parsed.events };
  }

  async function record(channel: InboundChannel, event: InboundEvent): Promise<'stored' | 'duplicate' | 'ignored'> {
    if (event.kind === 'message') {
      // The ingestor needs one identity the channel proves; a body without one is not a customer message.
      if (!event.identities.some((i) => i.verified && normalizeIdentity(i).ok)) {
        ctx.metrics.inboundMessages.inc({ channel_type: channel.type, outcome: 'no_identity' });
        return 'ignored';
      }
      const hints = hintsOf(event);
      // A number answering a numbered menu (SMS) carries that option's payload, so bots see the choice.
      const option =
        hints.menuChoice === undefined
          ? null
          : await resolveMenuChoice(ctx.useCases, {
              workspaceId: channel.workspaceId,
              identities: event.identities,
              choice: hints.menuChoice,
              ...(event.topic !== undefined ? { topic: event.topic } : {}),
            });
      const content = option ? { ...event.content, blocks: [...event.content.blocks, { type: 'payload' as const, payload: option.payload }] } : event.content;
      const result = await ctx.ingestor.ingest({
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        providerMessageId: event.providerMessageId,
        identities: event.identities,
        displayName: event.displayName,
        content,
        text: event.text,
        ...(event.topic !== undefined ? { topic: event.topic } : {}),
        ...(hints.skipRouting ? { skipRouting: true } : {}),
      });
      // Also on a redelivery: the reply is keyed on the inbound message, so it goes out once even if the first try died after the commit.
      if (hints.autoReply)
        await sendAutomaticReply(ctx.useCases, {
          workspaceId: channel.workspaceId,
          conversationId: result.conversationId,
          inboundMessageId: result.messageId,
          text: hints.autoReply,
        });
      ctx.metrics.inboundMessages.inc({ channel_type: channel.type, outcome: result.duplicate ? 'duplicate' : 'stored' });
      return result.duplicate ? 'duplicate' : 'stored';
    }
    if (event.kind === 'delivery_status') {
      const outcome = await recordDeliveryStatus(ctx.useCases, {
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        providerMessageId: event.providerMessageId,
        status: event.status,
        error: event.error,
      });
      return outcome === 'updated' ? 'stored' : outcome === 'unchanged' ? 'duplicate' : 'ignored';
    }
    const outcome = await recordInboundConsent(ctx.useCases, {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      channelType: channel.type,
      identity: event.identity,
      status: event.status,
      purpose: event.purpose,
      keyword: event.keyword,
    });
    return outcome === 'recorded' ? 'stored' : outcome === 'unchanged' ? 'duplicate' : 'ignored';
  }

  const acknowledge = (adapter: ChannelAdapter, { events, ...counts }: { stored: number; duplicates: number; events: InboundEvent[] }): WebhookReply =>
    adapter.acknowledge?.(events) ?? { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ received: true, ...counts }) };

  /** The channel named by the URL, if it exists and is of a type served under this provider name. */
  async function channelFor(provider: string, channelId: string): Promise<{ adapter: ChannelAdapter; loaded: LoadedChannel }> {
    const notFound = new AppError('channel_not_found', `No ${provider} channel ${channelId}`);
    if (!UUID_RE.test(channelId)) throw notFound;
    const loaded = await loadById(channelId);
    if (!loaded) throw notFound;
    const adapter = adapters().find((a) => a.manifest.type === loaded.channel.type);
    if (!adapter || providerOf(adapter) !== provider) throw notFound;
    return { adapter, loaded };
  }

  return async (app) => {
    // Webhook bodies are the adapters' business: every content type (JSON, form posts, anything a
    // fuzzer sends) arrives as raw bytes, so that the signature is checked before any parsing.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
      request.rawBody = body as Buffer;
      done(null, undefined);
    });
    const config = { public: true, rateLimit: { max: ctx.config.publicRateLimitPerMinute, timeWindow: '1 minute' } };
    const responses = { 200: z.unknown(), 401: errorSchema, 403: errorSchema, 404: errorSchema, 422: errorSchema };

    app.get(
      '/webhooks/:provider/:channelId',
      {
        config,
        schema: {
          tags: ['webhooks'],
          summary: 'Provider verification handshake for one channel',
          description: DESCRIPTION,
          params: channelParams,
          response: responses,
        },
      },
      async (request, reply) => {
        const { adapter, loaded } = await channelFor(request.params.provider, request.params.channelId);
        if (!adapter.handshake) throw new AppError('not_found', `${request.params.provider} webhooks have no verification handshake`);
        const answer = adapter.handshake(request.query as Record<string, unknown>, loaded.secrets, loaded.channel.config);
        if (!answer) throw new AppError('forbidden', 'The verify token does not match');
        return send(reply, answer);
      },
    );

    app.post(
      '/webhooks/:provider/:channelId',
      {
        config,
        schema: {
          tags: ['webhooks'],
          summary: 'Receive a provider webhook for one channel',
          description: DESCRIPTION,
          params: channelParams,
          response: responses,
        },
      },
      async (request, reply) => {
        const { adapter, loaded } = await channelFor(request.params.provider, request.params.channelId);
        const raw = rawOf(request);
        if (!adapter.verify(raw, loaded.secrets)) {
          ctx.metrics.inboundMessages.inc({ channel_type: loaded.channel.type, outcome: 'bad_signature' });
          throw new AppError('invalid_signature', 'The signature does not match the body');
        }
        return send(reply, acknowledge(adapter, await receive(adapter, loaded, raw)));
      },
    );

    app.get(
      '/webhooks/:provider',
      {
        config,
        schema: {
          tags: ['webhooks'],
          summary: 'App-level verification handshake (Meta)',
          description: DESCRIPTION,
          params: providerParams,
          response: responses,
        },
      },
      async (request, reply) => {
        const candidates = appAdapters(request.params.provider).filter((a) => a.handshake);
        if (candidates.length === 0) throw new AppError('not_found', `No app-level webhook for ${request.params.provider}`);
        for (const adapter of candidates) {
          for (const channel of await ctx.store.read.channels.listForInboundByType(adapter.manifest.type, MAX_HANDSHAKE_CHANNELS)) {
            const loaded = open(channel);
            const answer = loaded && adapter.handshake?.(request.query as Record<string, unknown>, loaded.secrets, loaded.channel.config);
            if (answer) return send(reply, answer);
          }
        }
        throw new AppError('forbidden', 'The verify token matches no channel');
      },
    );

    app.post(
      '/webhooks/:provider',
      {
        config,
        schema: {
          tags: ['webhooks'],
          summary: 'Receive an app-level webhook (Meta), dispatched on the numbers or pages it names',
          description: DESCRIPTION,
          params: providerParams,
          response: responses,
        },
      },
      async (request, reply) => {
        const candidates = appAdapters(request.params.provider);
        if (candidates.length === 0) throw new AppError('not_found', `No app-level webhook for ${request.params.provider}`);
        const raw = rawOf(request);
        const targets: Array<{ adapter: ChannelAdapter; loaded: LoadedChannel }> = [];
        for (const adapter of candidates) {
          const configKey = adapter.manifest.appWebhook?.configKey ?? '';
          const keys = [...new Set(adapter.dispatchKeys?.(raw.rawBody) ?? [])].slice(0, MAX_DISPATCH_KEYS);
          for (const key of keys) {
            const loaded = await loadByKey(adapter.manifest.type, configKey, key);
            if (loaded && !targets.some((t) => t.loaded.channel.id === loaded.channel.id)) targets.push({ adapter, loaded });
          }
        }
        // Every channel named must verify before anything is stored: one forged part rejects the whole body.
        for (const { adapter, loaded } of targets) {
          if (!adapter.verify(raw, loaded.secrets)) {
            ctx.metrics.inboundMessages.inc({ channel_type: loaded.channel.type, outcome: 'bad_signature' });
            throw new AppError('invalid_signature', 'The signature does not match the body');
          }
        }
        const first = targets[0];
        if (!first) throw new AppError('channel_not_found', `The webhook names no ${request.params.provider} channel configured here`);
        const counts = { stored: 0, duplicates: 0, events: [] as InboundEvent[] };
        for (const { adapter, loaded } of targets) {
          const one = await receive(adapter, loaded, raw);
          counts.stored += one.stored;
          counts.duplicates += one.duplicates;
          counts.events.push(...one.events);
        }
        return send(reply, acknowledge(first.adapter, counts));
      },
    );
  };
}
