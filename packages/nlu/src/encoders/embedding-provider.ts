/**
 * A sentence-embedding encoder. Optional everywhere: the engine works without one, and uses it as
 * extra features when a workspace configures one.
 */
export interface EmbeddingProvider {
  /** Stable identifier (stored with models so a model is only reused with the same encoder). */
  readonly id: string;
  /** Embeds texts, one vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/**
 * L2-normalises a vector (a zero vector stays zero).
 *
 * @example
 * l2Normalize(Float32Array.from([3, 4])) // [0.6, 0.8]
 */
export function l2Normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  if (n === 0) return v;
  const s = 1 / Math.sqrt(n);
  return v.map((x) => x * s);
}
