export * from './event-pattern.js';
export * from './serial-delivery.js';
export * from './local-event-bus.js';
export * from './redis-event-bus.js';
export * from './create-event-bus.js';
