export * from './article.js';
export * from './knowledge-repository.js';
