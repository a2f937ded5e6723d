import type { Kysely, Migration } from 'kysely';
import * as m0001 from './0001-core.js';
import * as m0002 from './0002-jobs.js';
import * as m0003 from './0003-routing.js';
import * as m0004 from './0004-knowledge.js';
import * as m0005 from './0005-email.js';
import * as m0006 from './0006-review-moderation.js';
import * as m0007 from './0007-customer-merges.js';
import * as m0008 from './0008-bots.js';
import * as m0009 from './0009-bot-otp.js';
import * as m0010 from './0010-assist-wrapup.js';
import * as m0013 from './0013-knowledge-review.js';
import * as m0012 from './0012-routing-hooks.js';
import * as m0011 from './0011-customer-connectors.js';
import * as m0015 from './0015-bot-versions.js';
import * as m0016 from './0016-assist-llm.js';
import * as m0017 from './0017-sentiment-models.js';

// Ordered, append-only list of migrations. Never edit a released migration: add a new one.
export const MIGRATIONS: Record<string, Migration> = {
  '0001-core': m0001 as { up(db: Kysely<unknown>): Promise<void> },
  '0002-jobs': m0002 as { up(db: Kysely<unknown>): Promise<void> },
  '0003-routing': m0003 as { up(db: Kysely<unknown>): Promise<void> },
  '0004-knowledge': m0004 as { up(db: Kysely<unknown>): Promise<void> },
  '0005-email': m0005 as { up(db: Kysely<unknown>): Promise<void> },
  '0006-review-moderation': m0006 as { up(db: Kysely<unknown>): Promise<void> },
  '0007-customer-merges': m0007 as { up(db: Kysely<unknown>): Promise<void> },
  '0008-bots': m0008 as { up(db: Kysely<unknown>): Promise<void> },
  '0009-bot-otp': m0009 as { up(db: Kysely<unknown>): Promise<void> },
  '0010-assist-wrapup': m0010 as { up(db: Kysely<unknown>): Promise<void> },
  '0013-knowledge-review': m0013 as { up(db: Kysely<unknown>): Promise<void> },
  '0012-routing-hooks': m0012 as { up(db: Kysely<unknown>): Promise<void> },
  '0011-customer-connectors': m0011 as { up(db: Kysely<unknown>): Promise<void> },
  '0015-bot-versions': m0015 as { up(db: Kysely<unknown>): Promise<void> },
  '0016-assist-llm': m0016 as { up(db: Kysely<unknown>): Promise<void> },
  '0017-sentiment-models': m0017 as { up(db: Kysely<unknown>): Promise<void> },
};
