export * from './sentiment-model-repository.js';
