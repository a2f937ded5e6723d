import { describe, it } from 'vitest';
import { describeRoutingStoreSuite } from '@parley/routing/testing';
import { pgRoutingFixture } from './testing/routing-fixture.js';

if (process.env.PARLEY_TEST_DATABASE_URL) describeRoutingStoreSuite('PostgreSQL store on a server', () => pgRoutingFixture('postgres'));
else describe('routing store on postgres', () => it.skip('needs PARLEY_TEST_DATABASE_URL', () => undefined));
