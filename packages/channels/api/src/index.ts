export * from './api-channel.adapter.js';
export * from './api-inbound-schema.js';
