export * from './compose.js';
export type { ServerContext } from './http/server-context.js';
