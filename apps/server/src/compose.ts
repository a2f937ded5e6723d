import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { pino, type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import { SecretBox, isSealedSecret, systemClock, type Clock, type ParleyConfig } from '@parley/kernel';
import { ChannelRegistry } from '@parley/channel-sdk';
import { createApiChannelAdapter } from '@parley/channel-api';
import { createWebchatChannelAdapter } from '@parley/channel-webchat';
import { createWhatsappChannelAdapter } from '@parley/channel-whatsapp';
import { createInstagramChannelAdapter, createMessengerChannelAdapter } from '@parley/channel-meta-messaging';
import { createEmailChannelAdapter } from '@parley/channel-email';
import { createTwilioSmsAdapter } from '@parley/channel-twilio-sms';
import { createTelegramAdapter } from '@parley/channel-telegram';
import { createGoogleReviewsAdapter } from '@parley/channel-google-reviews';
import { createOutboundHttp } from '@parley/http-outbound';
import {
  createPgStore,
  migrateToLatest,
  openDatabase,
  pgAssistRepositoryFor,
  pgRoutingRepositoryFor,
  rewrapChannelSecrets,
  type DatabaseHandle,
} from '@parley/storage-pg';
import { enqueueJob, JobWorker, purgeFinishedJobs, queueStats } from '@parley/queue-pg';
import { Redis } from 'ioredis';
import { createEventBus } from '@parley/bus';
import {
  bootstrapInstance,
  channelAvailability,
  createBatchingIngestor,
  deliverOutbound,
  importReviews,
  fetchInboundMedia,
  ensureDemoWebchatChannel,
  QUEUES,
  routingJobHandlers,
  type DeliveryPayload,
  type FetchInboundMediaPayload,
  type InboundIngestor,
  type ReviewsImportPayload,
  type SecretSealer,
  type UseCaseDeps,
} from '@parley/use-cases';
import type { Kysely } from 'kysely';
import { buildApp } from './http/app.js';
import { replaceNul } from './http/replace-nul.js';
import type { ServerContext } from './http/server-context.js';
import { loadKeyring } from './infra/keyring.js';
import { createMetrics } from './infra/metrics.js';
import { UrlSigner } from './infra/url-signer.js';
import { signedAttachmentUrl } from './http/routes/attachments.routes.js';
import { createAvailability } from './realtime/availability.js';
import { startRealtime, type Realtime } from './realtime/realtime.js';
import { createWebchatGateway } from './realtime/webchat-gateway.js';
import { composeKnowledge } from './knowledge/compose-knowledge.js';
import { createBotServices } from './bots/compose-bots.js';
import {
  BOT_OTP_QUEUE,
  BOT_TURN_QUEUE,
  botTurnJob,
  ensureDemoBot,
  sendOtpJob,
  type BotTurnPayload,
  type KnowledgeDeps,
  type SendOtpPayload,
} from '@parley/use-cases';
import { composeAssist } from './assist/compose-assist.js';
import { createCustomerCardServices } from './customers/compose-customer-cards.js';
import { ensureDemoConnector } from '@parley/use-cases';
import { pgSentimentModelRepositoryFor, rewrapAssistLlmKeys, rewrapConnectorSecrets } from '@parley/storage-pg';
import { composeEmail, type EmailRuntime } from './email/compose-email.js';

export interface ParleyServer {
  app: FastifyInstance;
  context: ServerContext;
  database: DatabaseHandle;
  worker: JobWorker | null;
  /** The SMTP listener and IMAP pollers of email channels. */
  email: EmailRuntime;
  workspaceId: string;
  /** Printed once on first start when the admin password was generated. */
  generatedAdminPassword: string | null;
  adminEmail: string;
  close(): Promise<void>;
}

export interface ComposeOptions {
  logger?: Logger;
  clock?: Clock;
  /** An already open database (tests start from a migrated template); closed with the server. */
  database?: DatabaseHandle;
}

/**
 * The composition root: the only place that knows every driver and adapter. It opens the
 * database (PGlite or PostgreSQL), migrates, picks the bus (local or Redis), registers the
 * channel adapters and job handlers, and builds the HTTP app.
 */
export async function composeServer(config: ParleyConfig, options: ComposeOptions = {}): Promise<ParleyServer> {
  const logger = options.logger ?? pino({ level: config.logLevel, base: { pid: process.pid, host: hostname() } });
  const clock = options.clock ?? systemClock;
  const { keyring, generated } = loadKeyring({ secretKey: config.secretKey, dataDir: config.dataDir, sharedDatabase: Boolean(config.databaseUrl) });
  if (generated) logger.warn({ dataDir: config.dataDir }, 'Generated a secret key into the data folder (set PARLEY_SECRET_KEY to manage it yourself)');
  const secretBox = new SecretBox(keyring);
  const sealer: SecretSealer = {
    seal: (value) => secretBox.seal(value),
    open: (sealed) => JSON.parse(secretBox.open(sealed as never)) as Record<string, string>,
  };

  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize, initialDump: readEmbeddedTemplate }));
  const applied = await migrateToLatest(database.db as unknown as Kysely<unknown>);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  const rewrapped = await rewrapChannelSecrets(database.db, {
    needsRotation: (sealed) => isSealedSecret(sealed) && secretBox.needsRotation(sealed),
    rotate: (sealed) => (isSealedSecret(sealed) ? secretBox.rotate(sealed) : sealed),
  });
  if (rewrapped > 0) logger.info({ channels: rewrapped, kid: secretBox.activeKid }, 'channel secrets re-wrapped under the active key');
  const rewrappedConnectors = await rewrapConnectorSecrets(database.db as unknown as Kysely<unknown>, {
    needsRotation: (sealed) => isSealedSecret(sealed) && secretBox.needsRotation(sealed),
    rotate: (sealed) => (isSealedSecret(sealed) ? secretBox.rotate(sealed) : sealed),
  });
  if (rewrappedConnectors > 0)
    logger.info({ connectors: rewrappedConnectors, kid: secretBox.activeKid }, 'customer connector secrets re-wrapped under the active key');
  const rewrappedLlmKeys = await rewrapAssistLlmKeys(database.db as unknown as Kysely<unknown>, {
    needsRotation: (sealed) => isSealedSecret(sealed) && secretBox.needsRotation(sealed),
    rotate: (sealed) => (isSealedSecret(sealed) ? secretBox.rotate(sealed) : sealed),
  });
  if (rewrappedLlmKeys > 0) logger.info({ workspaces: rewrappedLlmKeys, kid: secretBox.activeKid }, 'assist LLM API keys re-wrapped under the active key');

  const bus = createEventBus({ redisUrl: config.redisUrl, onError: (err) => logger.error({ err }, 'event bus handler failed') });
  const metrics = createMetrics();
  let worker: JobWorker | null = null;
  const store = createPgStore(database.db, {
    enqueue: (trx, job) => enqueueJob(trx, job),
    publish: (event) => bus.publish(event),
    onJobsCommitted: () => worker?.wake(),
    onPublishError: (err) => logger.error({ err }, 'publishing after commit failed'),
  });

  const http = createOutboundHttp({ allowHosts: config.outboundAllowHosts, userAgent: 'Parley/0.1 (+webhooks)' });
  const channels = new ChannelRegistry()
    .register(createApiChannelAdapter({ http, allowHosts: config.outboundAllowHosts }))
    .register(createWebchatChannelAdapter({ gateway: createWebchatGateway(bus, clock, logger) }));
  // Meta: WhatsApp Cloud API, Messenger and Instagram (their apiBaseUrl must be an allowed host).
  channels
    .register(createWhatsappChannelAdapter({ http, allowHosts: config.outboundAllowHosts }))
    .register(createMessengerChannelAdapter({ http, allowHosts: config.outboundAllowHosts }))
    .register(createInstagramChannelAdapter({ http, allowHosts: config.outboundAllowHosts }));
  const urlSigner = new UrlSigner(keyring);
  const publicUrl = (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/$/, '');
  // Twilio needs Parley's public URL for its status callbacks.
  channels
    .register(createTwilioSmsAdapter({ http, allowHosts: config.outboundAllowHosts, publicUrl }))
    .register(createTelegramAdapter({ http, allowHosts: config.outboundAllowHosts }))
    .register(createGoogleReviewsAdapter({ http, allowHosts: config.outboundAllowHosts }));
  channels.register(createEmailChannelAdapter({ allowHosts: config.outboundAllowHosts }));
  const useCases: UseCaseDeps = {
    store,
    clock,
    channels,
    secrets: sealer,
    attachmentUrl: (ws, id) => signedAttachmentUrl({ publicUrl, urlSigner }, ws, id),
    routing: pgRoutingRepositoryFor,
    autoAwaySec: config.autoAwaySec,
    routingHookHttp: (request) => http.request({ method: 'POST', ...request }),
    attachmentMaxBytes: config.attachmentMaxBytes,
    botRateLimit: { turns: config.botRateLimit, windowSec: config.botRateWindowSec },
  };
  // The virtual agent: its HTTP actions use the guarded client; "/…" URLs are this server's own routes.
  let selfUrl: string | null = null;
  let knowledgeDeps: KnowledgeDeps | null = null;
  useCases.bots = createBotServices({ http, selfUrl: () => selfUrl, knowledge: () => knowledgeDeps });
  useCases.customerCards = createCustomerCardServices({ http, clock, selfUrl: () => selfUrl });
  const batching = createBatchingIngestor(useCases, {
    maxBatch: 64,
    concurrency: database.kind === 'pglite' ? 1 : Math.max(1, Math.floor(config.databasePoolSize / 2)),
  });
  // PostgreSQL stores no U+0000: on every path in (sockets, email, webhooks), a message keeps U+FFFD in its place.
  const ingestor: InboundIngestor = { ingest: (input) => batching.ingest(replaceNul(input)), flush: () => batching.flush() };

  if (config.workers) {
    worker = new JobWorker({
      db: database.db,
      pollMs: config.jobPollMs,
      lockMs: config.jobLockMs,
      concurrency: config.jobConcurrency,
      logger: { warn: (o, m) => logger.warn(o, m), error: (o, m) => logger.error(o, m) },
    });
    worker.register<DeliveryPayload>(QUEUES.outboundDelivery, async (job) => {
      const outcome = await deliverOutbound(useCases, job);
      metrics.jobsProcessed.inc({ queue: job.queue, outcome: outcome.kind });
      return outcome;
    });
    for (const [queue, handle] of routingJobHandlers(useCases)) worker.register(queue, handle);
    worker.register<ReviewsImportPayload>(QUEUES.reviewsImport, (job) => importReviews(useCases, job));
    worker.register<FetchInboundMediaPayload>(QUEUES.inboundMediaFetch, (job) => fetchInboundMedia(useCases, job));
    worker.register<BotTurnPayload>(BOT_TURN_QUEUE, (job) => botTurnJob(useCases, job));
    worker.register<SendOtpPayload>(BOT_OTP_QUEUE, (job) => sendOtpJob(useCases, job));
  }

  const boot = await bootstrapInstance(store, { adminEmail: config.adminEmail, adminPassword: config.adminPassword });
  const demoChannelId = config.demo ? await ensureDemoWebchatChannel(useCases, boot.workspaceId) : null;
  const knowledge = await composeKnowledge({
    store,
    clock,
    bus,
    worker,
    logger,
    demoWorkspaceId: config.demo ? boot.workspaceId : null,
    embeddings: config.embeddingsUrl
      ? { url: config.embeddingsUrl, model: config.embeddingsModel, apiKey: config.embeddingsApiKey, timeoutMs: config.embeddingsTimeoutMs }
      : null,
  });
  knowledgeDeps = knowledge.deps;
  if (demoChannelId) await ensureDemoBot(useCases, boot.workspaceId, demoChannelId);
  if (config.demo) await ensureDemoConnector(useCases, boot.workspaceId);
  const assist = await composeAssist({
    store,
    clock,
    bus,
    worker,
    logger,
    kb: knowledge.deps,
    assist: pgAssistRepositoryFor,
    sentiment: pgSentimentModelRepositoryFor,
  });
  let realtime: Realtime | null = null;
  const availability = createAvailability(
    () => realtime?.agents ?? null,
    async (channelId, workspaceId) => {
      const routed = await channelAvailability(useCases, channelId, { workspaceId });
      return routed.queueId === null ? null : routed.chatAvailable;
    },
  );
  const context: ServerContext = {
    config,
    publicUrl,
    secureCookies: config.secureCookies ?? publicUrl.startsWith('https://'),
    store,
    clock,
    bus,
    channels,
    sealer,
    useCases,
    knowledge: knowledge.deps,
    assist: pgAssistRepositoryFor,
    sentimentRepository: pgSentimentModelRepositoryFor,
    sentimentModels: assist.sentimentModels,
    // A generation on a local model takes seconds: its own client, each workspace setting a shorter limit.
    assistHttp: createOutboundHttp({ allowHosts: config.outboundAllowHosts, userAgent: 'Parley/0.1 (+assist)', timeoutMs: 120_000, maxBodyBytes: 2_097_152 }),
    ingestor,
    metrics,
    urlSigner,
    routeTable: [],
    availability,
    demoChannelId,
    readinessProbes: {
      database: () => database.ping(),
      ...(config.redisUrl ? { redis: () => (bus.ping ? bus.ping() : Promise.resolve()) } : {}),
    },
    refreshGauges: async () => {
      metrics.jobsWaiting.reset();
      for (const s of await queueStats(database.db)) {
        metrics.jobsWaiting.set({ queue: s.queue, status: 'pending' }, s.pending);
        metrics.jobsWaiting.set({ queue: s.queue, status: 'running' }, s.running);
        metrics.jobsWaiting.set({ queue: s.queue, status: 'dead' }, s.dead);
      }
    },
  };
  // Rate-limit counters live in Redis when there is one, so that N processes don't allow N times the limit.
  const rateLimitRedis = config.redisUrl
    ? new Redis(config.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1, connectionName: 'parley-rate-limit' })
    : null;
  rateLimitRedis?.on('error', (err) => logger.warn({ err }, 'rate-limit redis error'));
  const appContext: ServerContext = { ...context, rateLimitRedis };
  const app = await buildApp(appContext, logger);
  realtime = await startRealtime(app.server, appContext, availability, logger);
  app.server.on('listening', () => {
    const address = app.server.address();
    // A wildcard bind is reached on loopback.
    if (address && typeof address === 'object')
      selfUrl = `http://${address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  });
  worker?.start();
  const email = await composeEmail({ config, store, database, useCases, ingestor, sealer, clock, logger });
  // Keep the jobs table small: done jobs after 7 days, dead letters after 30.
  const purge = async () => {
    try {
      const removed = await purgeFinishedJobs(database.db, { doneOlderThanMs: 7 * 86_400_000, deadOlderThanMs: 30 * 86_400_000 });
      if (removed > 0) logger.info({ removed }, 'purged finished jobs');
    } catch (err) {
      logger.warn({ err }, 'purging finished jobs failed');
    }
  };
  const purgeTimer = config.workers ? setInterval(() => void purge(), 3_600_000) : null;
  purgeTimer?.unref();

  let closed = false;
  return {
    app,
    context,
    database,
    worker,
    email,
    workspaceId: boot.workspaceId,
    generatedAdminPassword: boot.generatedPassword,
    adminEmail: boot.adminEmail,
    async close() {
      if (closed) return;
      closed = true;
      if (purgeTimer) clearInterval(purgeTimer);
      // Sockets first: open WebSockets would otherwise keep the HTTP server from closing.
      await realtime?.close();
      await app.close();
      await knowledge.close();
      await assist.close();
      // Stop taking mail before the last ingest batch is flushed.
      await email.close();
      await ingestor.flush();
      rateLimitRedis?.disconnect();
      await worker?.stop();
      await bus.close();
      await database.close();
    },
  };
}

/** The migrated PGlite template made at build time (see tools/build-embedded-template.ts). */
async function readEmbeddedTemplate(): Promise<Blob | null> {
  const path = new URL('./embedded-template.tar.gz', import.meta.url);
  return existsSync(path) ? new Blob([readFileSync(path)]) : null;
}
