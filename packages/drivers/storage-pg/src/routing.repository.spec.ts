import { describeRoutingStoreSuite } from '@parley/routing/testing';
import { pgRoutingFixture } from './testing/routing-fixture.js';

describeRoutingStoreSuite('PostgreSQL store on PGlite', () => pgRoutingFixture('pglite'));
