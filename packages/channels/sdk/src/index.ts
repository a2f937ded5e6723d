export * from './channel-adapter.js';
export * from './channel-registry.js';
export * from './inbound-hints.js';
export * from './numbered-menu.js';
export * from './polling.js';
export * from './media-download.js';
