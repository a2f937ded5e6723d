export * from './event-bus-contract.js';
