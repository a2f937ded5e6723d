export * from './whatsapp-config.js';
export * from './whatsapp-webhook.js';
export * from './whatsapp-outbound.js';
export * from './whatsapp.adapter.js';
