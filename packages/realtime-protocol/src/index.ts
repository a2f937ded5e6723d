export * from './widget-protocol.js';
export * from './agent-protocol.js';
export * from './widget-schemas.js';
export * from './assist-protocol.js';
