export * from './hmac-signature.js';
export * from './secret-box.js';
export * from './password-hash.js';
