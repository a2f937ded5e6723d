export * from './channel-adapter-contract.js';
export * from './contract-emulator.js';
export * from './constant-time.js';
export * from './event-shape.js';
export * from './inbound-fuzz.js';
