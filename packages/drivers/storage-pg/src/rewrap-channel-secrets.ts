import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What the rewrap needs from the secret box: detect and re-wrap secrets sealed under an old key. */
export interface SecretRewrapper {
  needsRotation(sealed: unknown): boolean;
  rotate(sealed: unknown): unknown;
}

/**
 * Key rotation: after a new key is put first in PARLEY_SECRET_KEY, every channel secret still
 * sealed under an older key is re-wrapped under the new one (only the data key changes).
 * Runs at start; cheap when there is nothing to do. Returns how many channels changed.
 */
export async function rewrapChannelSecrets(db: Kysely<Database>, box: SecretRewrapper): Promise<number> {
  const rows = await db.selectFrom('channels').select(['id', 'secrets']).execute();
  let changed = 0;
  for (const row of rows) {
    if (!box.needsRotation(row.secrets)) continue;
    await db.updateTable('channels').set({ secrets: JSON.stringify(box.rotate(row.secrets)), updated_at: new Date() }).where('id', '=', row.id).execute();
    changed++;
  }
  return changed;
}
