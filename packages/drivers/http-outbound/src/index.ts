export * from './types.js';
export * from './ip-classification.js';
export * from './host-allow-list.js';
export * from './resolver.js';
export * from './outbound-url-guard.js';
export * from './outbound-http.js';
