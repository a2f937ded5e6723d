import type { Job, JobOutcome } from '@parley/kernel';
import type { KnowledgeDeps } from './knowledge-deps.js';

/**
 * `kb.reindex`: rebuilds the workspace's answer index in this process after a publication change
 * (other processes drop theirs on the `kb.published` bus event and rebuild lazily). Idempotent:
 * a rebuild reads the committed state, so running it twice costs time, nothing else.
 *
 * @example
 * worker.register(KB_QUEUES.reindex, (job) => reindexKnowledge(kbDeps, job));
 */
export async function reindexKnowledge(deps: Pick<KnowledgeDeps, 'engines'>, job: Job): Promise<JobOutcome> {
  await deps.engines.rebuild(job.workspaceId);
  return { kind: 'done' };
}
