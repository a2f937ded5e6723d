import { createRequire, syncBuiltinESMExports } from 'node:module';

type TimingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => boolean;

/**
 * Runs `fn` with `crypto.timingSafeEqual` wrapped by a counter and returns how many times it was
 * called. Node keeps the ES module bindings of built-ins in step with their CommonJS object
 * (`syncBuiltinESMExports`), so `import { timingSafeEqual } from 'node:crypto'` in the code under
 * test sees the wrapper. A signature check that compares with `===` or `Buffer.equals` leaks
 * where the first difference is; one that reaches `timingSafeEqual` does not.
 *
 * @example
 * expect(countTimingSafeEqualCalls(() => adapter.verify(forged, secrets))).toBeGreaterThan(0);
 */
export function countTimingSafeEqualCalls(fn: () => unknown): number {
  const crypto = createRequire(import.meta.url)('node:crypto') as { timingSafeEqual: TimingSafeEqual };
  const original = crypto.timingSafeEqual;
  let calls = 0;
  crypto.timingSafeEqual = (a, b) => {
    calls++;
    return original(a, b);
  };
  syncBuiltinESMExports();
  try {
    fn();
  } finally {
    crypto.timingSafeEqual = original;
    syncBuiltinESMExports();
  }
  return calls;
}

/**
 * The same header with one character changed to another of the usual signature alphabets (hex,
 * base64, token characters), so the forgery keeps the shape and length of a real signature and
 * must be rejected by the comparison itself, not by a format or length check.
 *
 * @example
 * forgeSameShape('sha256=ab12'); // 'sha256=ab1a'
 */
export function forgeSameShape(header: string): string {
  for (let i = header.length - 1; i >= 0; i--) {
    const c = header.charAt(i);
    if (!/[A-Za-z0-9]/.test(c)) continue;
    // 'A' and 'a' are the same hex digit: step to another letter, never to the other case.
    const replacement = c.toLowerCase() === 'a' ? 'b' : 'a';
    return header.slice(0, i) + replacement + header.slice(i + 1);
  }
  return `${header}a`;
}
