export * from './telegram-config.js';
export * from './telegram-update.js';
export * from './telegram-inbound.js';
export * from './telegram-keyboard.js';
export * from './telegram.adapter.js';
