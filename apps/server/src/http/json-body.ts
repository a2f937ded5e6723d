import { AppError } from '@parley/kernel';

// The escape is the only way a NUL reaches a parsed JSON string (a raw NUL byte is not valid JSON).
const NUL_ESCAPE = Buffer.from('\\u0000');

/**
 * Parses a JSON request body. A body that is not JSON is `malformed_json` (400). Strings, keys
 * included, may not hold U+0000: PostgreSQL stores no NUL in text or jsonb, so such a body is
 * `validation_failed` (422) here rather than a database error (500) deeper down.
 *
 * @example
 * const value = parseJsonBody(Buffer.from('{"text":"hello"}')); // { text: 'hello' }
 */
export function parseJsonBody(raw: Buffer): unknown {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('malformed_json', 'The body is not valid JSON');
  }
  // Walk the value only when the escape is there at all (`\\u0000` is a backslash and text, and allowed).
  const path = raw.includes(NUL_ESCAPE) ? nulPath(value, '') : null;
  if (path !== null)
    throw new AppError('validation_failed', 'Text may not contain the NUL character (U+0000)', [{ path: path || '/', message: 'contains U+0000' }]);
  return value;
}

/** JSON-pointer-like path of the first string or key holding U+0000, or null. */
function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}/${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes('\u0000')) return `${path}/${key.replaceAll('\u0000', '\\u0000')}`;
      const found = nulPath(inner, `${path}/${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}
