import { AppError } from '@parley/kernel';

/** Opaque cursors: base64url JSON, validated on the way back in. */
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<K extends string>(cursor: string | null, keys: readonly K[]): Record<K, string | number> | null {
  if (cursor === null) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    const out = {} as Record<K, string | number>;
    for (const key of keys) {
      const v = (parsed as Record<string, unknown>)[key];
      if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`missing ${key}`);
      out[key] = v;
    }
    return out;
  } catch {
    throw new AppError('invalid_cursor', 'The cursor is malformed; use the nextCursor returned by the previous page');
  }
}
