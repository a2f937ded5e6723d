export * from './assist-repository.js';
