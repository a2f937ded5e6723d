export * from './test-database.js';
export * from './repository-suite.js';
export * from './routing-fixture.js';
export * from './knowledge-suite.js';
export * from './merge-suite.js';
