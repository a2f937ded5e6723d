export * from './knowledge-deps.js';
export * from './knowledge-engines.js';
export * from './article.flows.js';
export * from './answer-question.flow.js';
export * from './feedback.flows.js';
export * from './import-export.flows.js';
export * from './reindex-knowledge.job.js';
export * from './load-demo-knowledge.js';
export { DEMO_KNOWLEDGE, DEMO_SYNONYMS } from './demo-knowledge.js';
