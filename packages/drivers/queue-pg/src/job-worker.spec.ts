import { describeJobQueueSuite } from './testing/index.js';

describeJobQueueSuite('pglite');
