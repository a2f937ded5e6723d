export * from './identity.js';
export * from './customer.js';
export * from './merge.js';
export * from './merge-rules.js';
export * from './customer-cards.js';
