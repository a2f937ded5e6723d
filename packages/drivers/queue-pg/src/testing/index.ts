export * from './job-queue-suite.js';
