import { describeRepositorySuite } from './testing/repository-suite.js';

describeRepositorySuite('pglite');
