/** A sparse feature vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/**
 * Builds a sparse vector from an index → value map, dropping zeros.
 *
 * @example
 * toSparse(new Map([[3, 0.5], [1, 2]])) // { indices: [1, 3], values: [2, 0.5] }
 */
export function toSparse(entries: Map<number, number>): SparseVector {
  const keys = [...entries.keys()].filter((k) => entries.get(k) !== 0).sort((a, b) => a - b);
  const indices = new Int32Array(keys.length);
  const values = new Float32Array(keys.length);
  keys.forEach((k, i) => {
    indices[i] = k;
    values[i] = entries.get(k) ?? 0;
  });
  return { indices, values };
}

/**
 * Appends dense features (scaled by `weight`) after a sparse vector, at indices `offset…offset+n-1`.
 *
 * @example
 * appendDense({ indices: Int32Array.of(2), values: Float32Array.of(1) }, [0.5], 10, 2) // indices [2, 10], values [1, 1]
 */
export function appendDense(x: SparseVector, dense: ArrayLike<number> | undefined, offset: number, weight: number): SparseVector {
  if (!dense || dense.length === 0 || weight === 0) return x;
  const n = x.indices.length;
  const indices = new Int32Array(n + dense.length);
  const values = new Float32Array(n + dense.length);
  indices.set(x.indices);
  values.set(x.values);
  for (let k = 0; k < dense.length; k++) {
    indices[n + k] = offset + k;
    values[n + k] = (dense[k] as number) * weight;
  }
  return { indices, values };
}
