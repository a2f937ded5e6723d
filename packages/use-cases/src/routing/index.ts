export * from './routing-effects.js';
export * from './route-conversation.job.js';
export * from './routing-timers.job.js';
export * from './routing-admin.flow.js';
export * from './routing-work.flow.js';
export * from './routing-queries.js';
export * from './routing-emotion.job.js';
export * from './routing-settings.flow.js';
