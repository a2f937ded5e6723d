export * from './google-reviews-config.js';
export * from './google-review.js';
export * from './google-reviews.adapter.js';
