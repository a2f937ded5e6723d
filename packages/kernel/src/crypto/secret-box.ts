import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError } from '../config.js';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KID_RE = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64_RE = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Master keys by key id; `activeKid` seals new secrets, the others only open older ones. */
export interface Keyring {
  readonly activeKid: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/**
 * A secret encrypted at rest, safe to store as JSON. A fresh data key encrypts the value
 * (`iv`, `tag`, `ct`); the master key `kid` wraps that data key (`dek`). All binary
 * fields are base64.
 */
export interface SealedSecret {
  v: 1;
  kid: string;
  dek: string;
  iv: string;
  tag: string;
  ct: string;
}

/** Why a sealed secret could not be opened. */
export type SecretBoxFailure = 'malformed' | 'unknown_kid' | 'tampered';

/** Thrown by {@link SecretBox} when a sealed secret cannot be opened or re-wrapped. */
export class SecretBoxError extends Error {
  constructor(
    readonly reason: SecretBoxFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/**
 * Parses `PARLEY_SECRET_KEY` (`kid:base64key[,kid:base64key…]`); the first key is active.
 * Each key must decode to exactly 32 bytes. Throws {@link ConfigError} without echoing
 * key material.
 *
 * @example
 * const keyring = parseKeyring(config.secretKey); // 'k2:3q2+7w…=,k1:AAEC…='
 */
export function parseKeyring(spec: string): Keyring {
  const problems: string[] = [];
  const keys = new Map<string, Buffer>();
  let activeKid: string | undefined;
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) problems.push('PARLEY_SECRET_KEY: no key given; expected kid:base64key[,kid:base64key…]');
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    if (colon <= 0) {
      problems.push(`PARLEY_SECRET_KEY: entry ${index + 1} is not of the form kid:base64key`);
      return;
    }
    const kid = entry.slice(0, colon);
    const encoded = entry.slice(colon + 1);
    if (!KID_RE.test(kid)) {
      // Not echoed: a malformed entry may have the key material in the kid position.
      problems.push(`PARLEY_SECRET_KEY: the key id of entry ${index + 1} must be 1-64 characters of A-Z a-z 0-9 . _ -`);
      return;
    }
    if (keys.has(kid)) {
      problems.push(`PARLEY_SECRET_KEY: key id "${kid}" appears twice`);
      return;
    }
    const key = BASE64_RE.test(encoded) ? Buffer.from(encoded, 'base64') : undefined;
    if (key?.length !== KEY_BYTES) {
      const got = key === undefined ? 'not valid base64' : `${key.length} bytes`;
      problems.push(`PARLEY_SECRET_KEY: key "${kid}" must be base64 of exactly ${KEY_BYTES} bytes (${got})`);
      return;
    }
    keys.set(kid, key);
    activeKid ??= kid;
  });
  if (problems.length > 0 || activeKid === undefined) throw new ConfigError(problems);
  return { activeKid, keys };
}

/**
 * A new `kid:base64key` entry with 32 random bytes, to prepend to `PARLEY_SECRET_KEY`
 * when rotating (or to write on first start of the embedded default).
 *
 * @example
 * const entry = generateKeyringEntry(); // 'k-9f3a61c2:Vb0…='
 * process.env.PARLEY_SECRET_KEY = `${entry},${process.env.PARLEY_SECRET_KEY}`;
 */
export function generateKeyringEntry(kid = `k-${randomBytes(4).toString('hex')}`): string {
  if (!KID_RE.test(kid)) throw new RangeError(`Key id "${kid}" must be 1-64 characters of A-Z a-z 0-9 . _ -`);
  return `${kid}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

/** True when `value` has the shape of a {@link SealedSecret} (field types only, not crypto). */
export function isSealedSecret(value: unknown): value is SealedSecret {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.v === 1 &&
    typeof v.kid === 'string' &&
    typeof v.dek === 'string' &&
    typeof v.iv === 'string' &&
    typeof v.tag === 'string' &&
    typeof v.ct === 'string'
  );
}

// Associated data binds each ciphertext to its role (and the wrapped key to its kid), so
// fields cannot be swapped between records or between the two layers.
const VALUE_AAD = Buffer.from('parley.secret-box.v1.value');
const dekAad = (kid: string): Buffer => Buffer.from(`parley.secret-box.v1.dek.${kid}`);

interface GcmParts {
  iv: Buffer;
  tag: Buffer;
  ct: Buffer;
}

function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: Buffer): GcmParts {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ct };
}

/** Returns undefined when the tag does not verify (wrong key, tampered data). */
function gcmDecrypt(key: Buffer, parts: GcmParts, aad: Buffer): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(parts.tag);
    return Buffer.concat([decipher.update(parts.ct), decipher.final()]);
  } catch {
    return undefined;
  }
}

function decodeField(sealed: SealedSecret, field: 'iv' | 'tag' | 'dek' | 'ct', bytes?: number): Buffer {
  const raw = sealed[field];
  const buf = BASE64_RE.test(raw) || raw === '' ? Buffer.from(raw, 'base64') : undefined;
  if (buf === undefined || (bytes !== undefined && buf.length !== bytes)) {
    throw new SecretBoxError('malformed', `Sealed secret field "${field}" is not valid`);
  }
  return buf;
}

// The wrapped data key is stored as iv ‖ encrypted key ‖ tag in one field.
const WRAPPED_DEK_BYTES = IV_BYTES + KEY_BYTES + TAG_BYTES;

/**
 * Envelope encryption for channel secrets (tokens, webhook secrets) at rest. Each secret
 * gets its own random data key; the master key only wraps data keys, so rotating the
 * master key re-wraps 60 bytes per row instead of re-encrypting values.
 *
 * @example
 * const box = new SecretBox(parseKeyring(config.secretKey));
 * const sealed = box.seal({ accessToken: 'EAAG…' });   // store as JSON
 * const { accessToken } = schema.parse(box.openJson(sealed));
 * if (box.needsRotation(sealed)) await save(box.rotate(sealed));
 */
export class SecretBox {
  constructor(private readonly keyring: Keyring) {
    if (!keyring.keys.has(keyring.activeKid)) {
      throw new RangeError(`Active key id "${keyring.activeKid}" is not in the keyring`);
    }
  }

  /** Key id that {@link seal} and {@link rotate} use. */
  get activeKid(): string {
    return this.keyring.activeKid;
  }

  /** Encrypts a string, or an object as JSON, under a fresh data key. */
  seal(plaintext: string | object): SealedSecret {
    const text = typeof plaintext === 'string' ? plaintext : JSON.stringify(plaintext);
    const dataKey = randomBytes(KEY_BYTES);
    try {
      const value = gcmEncrypt(dataKey, Buffer.from(text, 'utf8'), VALUE_AAD);
      return {
        v: 1,
        kid: this.keyring.activeKid,
        dek: this.wrap(dataKey, this.keyring.activeKid),
        iv: value.iv.toString('base64'),
        tag: value.tag.toString('base64'),
        ct: value.ct.toString('base64'),
      };
    } finally {
      dataKey.fill(0);
    }
  }

  /** Decrypts to the original string; throws {@link SecretBoxError} on unknown kid or tampering. */
  open(sealed: SealedSecret): string {
    if (!isSealedSecret(sealed)) throw new SecretBoxError('malformed', 'Not a sealed secret (expected v:1)');
    const dataKey = this.unwrap(sealed);
    try {
      const parts = { iv: decodeField(sealed, 'iv', IV_BYTES), tag: decodeField(sealed, 'tag', TAG_BYTES), ct: decodeField(sealed, 'ct') };
      const plain = gcmDecrypt(dataKey, parts, VALUE_AAD);
      if (plain === undefined) {
        throw new SecretBoxError('tampered', `Sealed secret (kid "${sealed.kid}") failed authentication`);
      }
      return plain.toString('utf8');
    } finally {
      dataKey.fill(0);
    }
  }

  /** {@link open} then `JSON.parse`; the result is unknown: validate it with a schema. */
  openJson(sealed: SealedSecret): unknown {
    const text = this.open(sealed);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new SecretBoxError('malformed', 'Sealed secret does not contain JSON');
    }
  }

  /** True when the secret was sealed with a key other than the active one. */
  needsRotation(sealed: SealedSecret): boolean {
    return sealed.kid !== this.keyring.activeKid;
  }

  /**
   * Re-wraps the data key with the active master key; the value ciphertext is unchanged.
   * Returns the input as is when it already uses the active key.
   */
  rotate(sealed: SealedSecret): SealedSecret {
    if (!this.needsRotation(sealed)) return sealed;
    const dataKey = this.unwrap(sealed);
    try {
      return { ...sealed, kid: this.keyring.activeKid, dek: this.wrap(dataKey, this.keyring.activeKid) };
    } finally {
      dataKey.fill(0);
    }
  }

  private wrap(dataKey: Buffer, kid: string): string {
    const wrapped = gcmEncrypt(this.masterKey(kid), dataKey, dekAad(kid));
    return Buffer.concat([wrapped.iv, wrapped.ct, wrapped.tag]).toString('base64');
  }

  private unwrap(sealed: SealedSecret): Buffer {
    const master = this.masterKey(sealed.kid);
    const blob = decodeField(sealed, 'dek', WRAPPED_DEK_BYTES);
    const parts = {
      iv: blob.subarray(0, IV_BYTES),
      ct: blob.subarray(IV_BYTES, IV_BYTES + KEY_BYTES),
      tag: blob.subarray(IV_BYTES + KEY_BYTES),
    };
    const dataKey = gcmDecrypt(master, parts, dekAad(sealed.kid));
    if (dataKey === undefined) {
      throw new SecretBoxError('tampered', `Data key of sealed secret (kid "${sealed.kid}") failed authentication`);
    }
    return dataKey;
  }

  private masterKey(kid: string): Buffer {
    const key = this.keyring.keys.get(kid);
    if (key === undefined) {
      throw new SecretBoxError('unknown_kid', `Sealed secret uses key id "${kid}", which is not in PARLEY_SECRET_KEY`);
    }
    return key;
  }
}
