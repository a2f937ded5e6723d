import type { Job, JobOutcome } from '@parley/kernel';
import { embedForJob } from './knowledge-embeddings.js';
import type { KnowledgeDeps } from './knowledge-deps.js';

/**
 * `kb.reindex`: after a publication change, computes the vectors of changed articles when an
 * embedding provider is configured, then rebuilds the workspace's answer index in this process
 * (other processes drop theirs on the `kb.published` bus event and rebuild lazily). Idempotent:
 * both steps read the committed state. A provider failure retries the job; the lexical index is
 * rebuilt regardless.
 *
 * @example
 * worker.register(KB_QUEUES.reindex, (job) => reindexKnowledge(kbDeps, job));
 */
export async function reindexKnowledge(deps: Pick<KnowledgeDeps, 'engines' | 'store' | 'clock' | 'knowledge' | 'embedding'>, job: Job): Promise<JobOutcome> {
  const outcome: JobOutcome = deps.embedding ? await embedForJob(deps, deps.embedding, job) : { kind: 'done' };
  await deps.engines.rebuild(job.workspaceId);
  return outcome;
}
