export * from './webchat-config.js';
export * from './identity-signature.js';
export * from './webchat-channel.adapter.js';
