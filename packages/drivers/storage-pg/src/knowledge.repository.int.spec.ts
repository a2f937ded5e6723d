import { describe, it } from 'vitest';
import { describeKnowledgeRepositorySuite } from './testing/knowledge-suite.js';

if (process.env.PARLEY_TEST_DATABASE_URL) describeKnowledgeRepositorySuite('postgres');
else describe('knowledge repository on postgres', () => it.skip('needs PARLEY_TEST_DATABASE_URL', () => undefined));
