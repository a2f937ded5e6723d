import type { Clock } from '@parley/kernel';
import type { AssistRepository, Store } from '@parley/domain';
import type { ChannelRegistry } from '@parley/channel-sdk';
import type { KnowledgeDeps } from '@parley/use-cases';

/** What the augmented agent's flows need; the repository factory binds to `store.read` or a transaction. */
export interface AssistDeps {
  store: Store;
  clock: Clock;
  kb: KnowledgeDeps;
  assist: (scope: object) => AssistRepository;
  channels?: ChannelRegistry;
}
