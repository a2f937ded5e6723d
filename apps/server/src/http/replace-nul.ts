/**
 * A copy of `value` whose strings (keys included) hold U+FFFD where they held U+0000, for data
 * from providers: PostgreSQL stores no NUL in text or jsonb, and a signed provider message is
 * kept rather than refused (a refused webhook is retried for days). Arrays and plain objects are
 * walked; anything else (Buffer, Date) is returned as is. Without a NUL the value itself comes back.
 *
 * @example
 * replaceNul({ text: 'a\u0000b' }); // { text: 'a\uFFFDb' }
 */
export function replaceNul<T>(value: T): T {
  return hasNul(value) ? (rebuild(value) as T) : value;
}

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (isPlainObject(value)) return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || hasNul(inner));
  return false;
}

function rebuild(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD');
  if (Array.isArray(value)) return value.map(rebuild);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.replaceAll('\u0000', '\uFFFD'), rebuild(inner)]));
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
