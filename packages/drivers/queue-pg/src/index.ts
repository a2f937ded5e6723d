export * from './backoff.js';
export * from './enqueue-job.js';
export * from './claim-jobs.js';
export * from './settle-job.js';
export * from './job-worker.js';
export * from './job-inspection.js';
export { toJob } from './job-row.js';
export * from './purge-jobs.js';
