export * from './graph-api.js';
export * from './meta-signature.js';
