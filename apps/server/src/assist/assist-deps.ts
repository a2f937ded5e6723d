import type { Clock } from '@parley/kernel';
import type { AssistRepository, Store } from '@parley/domain';
import type { ChannelRegistry } from '@parley/channel-sdk';
import type { OutboundHttp } from '@parley/http-outbound';
import type { KnowledgeDeps, SecretSealer } from '@parley/use-cases';
import type { LlmEndpoint } from './llm-client.js';

/** What the optional LLM needs: the guarded outbound client and the sealer of its API key. */
export interface AssistLlmDeps {
  http: OutboundHttp;
  sealer: SecretSealer;
  /** PARLEY_LLM_URL…: what workspaces without their own settings use; absent, only their own. */
  serverDefault?: LlmEndpoint | null;
}

/** What the augmented agent's flows need; the repository factory binds to `store.read` or a transaction. */
export interface AssistDeps {
  store: Store;
  clock: Clock;
  kb: KnowledgeDeps;
  assist: (scope: object) => AssistRepository;
  channels?: ChannelRegistry;
  /** Absent: the assist works without a text generation model (extractive summaries, suggestions only). */
  llm?: AssistLlmDeps;
}

/** Assist dependencies with the LLM wired. */
export type LlmAssistDeps = AssistDeps & { llm: AssistLlmDeps };
