import { describeMergeRepositorySuite } from './testing/merge-suite.js';

describeMergeRepositorySuite('pglite');
