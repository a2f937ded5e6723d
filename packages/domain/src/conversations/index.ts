export * from './content.js';
export * from './conversation.js';
export * from './attachment-policy.js';
export * from './conversation-token.js';
export * from './recipient.js';
