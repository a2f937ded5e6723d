import { describe, it } from 'vitest';
import { describeMergeRepositorySuite } from './testing/merge-suite.js';

if (process.env.PARLEY_TEST_DATABASE_URL) describeMergeRepositorySuite('postgres');
else describe('customer merges on postgres', () => it.skip('needs PARLEY_TEST_DATABASE_URL', () => undefined));
