import { describe, it } from 'vitest';
import { describeRepositorySuite } from './testing/repository-suite.js';

if (process.env.PARLEY_TEST_DATABASE_URL) describeRepositorySuite('postgres');
else describe('repositories on postgres', () => it.skip('needs PARLEY_TEST_DATABASE_URL', () => undefined));
