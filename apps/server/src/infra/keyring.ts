import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyringEntry, parseKeyring, type Keyring } from '@parley/kernel';

/**
 * The master keyring for channel secrets. Configured keys win; on the embedded default a key
 * is generated once into the data folder (mode 0600) so that `npm start` needs no setup.
 * With a shared PostgreSQL every process must use the same key, so it must be configured.
 */
export function loadKeyring(input: { secretKey: string | undefined; dataDir: string; sharedDatabase: boolean }): { keyring: Keyring; generated: boolean } {
  if (input.secretKey) return { keyring: parseKeyring(input.secretKey), generated: false };
  if (input.sharedDatabase) {
    throw new Error('PARLEY_SECRET_KEY is required with DATABASE_URL (all processes must share it). Generate one with: node -e "console.log(\'k1:\'+require(\'crypto\').randomBytes(32).toString(\'base64\'))"');
  }
  const path = join(input.dataDir, 'secret.key');
  if (existsSync(path)) return { keyring: parseKeyring(readFileSync(path, 'utf8').trim()), generated: false };
  mkdirSync(input.dataDir, { recursive: true });
  const entry = generateKeyringEntry('k1');
  writeFileSync(path, `${entry}\n`, { mode: 0o600 });
  return { keyring: parseKeyring(entry), generated: true };
}
