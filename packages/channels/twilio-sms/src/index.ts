export * from './twilio-config.js';
export * from './twilio-signature.js';
export * from './twilio-keywords.js';
export * from './twilio-inbound.js';
export * from './twilio-sms.adapter.js';
