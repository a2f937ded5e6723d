export * from './routing-store-suite.js';
