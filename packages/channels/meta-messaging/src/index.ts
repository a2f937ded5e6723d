export * from './meta-config.js';
export * from './meta-webhook.js';
export * from './meta-outbound.js';
export * from './meta-messaging.adapter.js';
