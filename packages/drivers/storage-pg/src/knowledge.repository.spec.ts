import { describeKnowledgeRepositorySuite } from './testing/knowledge-suite.js';

describeKnowledgeRepositorySuite('pglite');
