import type { Redis } from 'ioredis';
import type { Clock, EventBus, ParleyConfig } from '@parley/kernel';
import type { AssistRepository, SentimentModelRepository, Store } from '@parley/domain';
import type { ChannelRegistry } from '@parley/channel-sdk';
import type { OutboundHttp } from '@parley/http-outbound';
import type { InboundIngestor, KnowledgeDeps, SecretSealer, UseCaseDeps } from '@parley/use-cases';
import type { Metrics } from '../infra/metrics.js';
import type { UrlSigner } from '../infra/url-signer.js';
import type { Availability } from '../realtime/availability.js';
import type { WorkspaceSentimentModels } from '../assist/sentiment-models.js';

/** What the HTTP layer gets from the composition root. */
export interface ServerContext {
  config: ParleyConfig;
  publicUrl: string;
  secureCookies: boolean;
  store: Store;
  clock: Clock;
  bus: EventBus;
  channels: ChannelRegistry;
  sealer: SecretSealer;
  useCases: UseCaseDeps;
  /** Knowledge base flows and the per-workspace answer index. */
  knowledge: KnowledgeDeps;
  /** Augmented-agent storage (checklists, dispositions, persona), bound to `store.read` or a transaction. */
  assist: (scope: object) => AssistRepository;
  /** Workspace-trained sentiment models: storage, bound to `store.read` or a transaction. */
  sentimentRepository: (scope: object) => SentimentModelRepository;
  /** This process's cache of the trained sentiment models (the assist analyses read it). */
  sentimentModels: WorkspaceSentimentModels;
  /** The guarded client the workspace LLMs are called through (absent: no LLM features). */
  assistHttp?: OutboundHttp;
  ingestor: InboundIngestor;
  metrics: Metrics;
  urlSigner: UrlSigner;
  /** Every registered route (filled while the app is built); the auth test walks it. */
  /** Shared rate-limit store in scale-out mode. */
  rateLimitRedis?: Redis | null;
  routeTable: Array<{ method: string; url: string }>;
  /** Whether a web chat can be answered now (bot, or an agent online on any process). */
  availability: Availability;
  /** The demo web chat channel served at /demo (null with PARLEY_DEMO=false). */
  demoChannelId: string | null;
  readinessProbes: Record<string, () => Promise<void>>;
  refreshGauges(): Promise<void>;
}
