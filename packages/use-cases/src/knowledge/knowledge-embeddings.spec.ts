import { describe, expect, it } from 'vitest';
import type { EmbeddingProvider } from '@parley/kb';
import { embeddingHash, guardEmbeddingProvider, matchingVectors } from './knowledge-embeddings.js';

describe('guardEmbeddingProvider', () => {
  it('fails fast during the cooldown after a failure, then tries the provider again', async () => {
    let clock = 0;
    let calls = 0;
    let up = false;
    const provider: EmbeddingProvider = {
      id: 'p',
      embed: async (texts) => {
        calls++;
        if (!up) throw new Error('down');
        return texts.map(() => Float32Array.from([1]));
      },
    };
    const errors: unknown[] = [];
    const guarded = guardEmbeddingProvider(provider, { cooldownMs: 1000, now: () => clock, onError: (e) => errors.push(e) });
    await expect(guarded.embed(['a'])).rejects.toThrow('down');
    up = true;
    clock = 999;
    await expect(guarded.embed(['a'])).rejects.toThrow(/cooling down/);
    expect(calls).toBe(1);
    clock = 1000;
    expect(await guarded.embed(['a'])).toHaveLength(1);
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });
});

describe('matchingVectors', () => {
  it('keeps stored vectors only while the embedded texts and the provider are unchanged', () => {
    const item = { id: 'a', title: 'Retours', body: '30 jours.' };
    const rows = [{ articleId: 'a', contentHash: embeddingHash('p', item), vectors: [[1, 0]] }];
    expect(matchingVectors('p', [item], rows).vectors).toEqual({ a: [[1, 0]] });
    expect(matchingVectors('p', [{ ...item, title: 'Retours gratuits' }], rows).vectors).toEqual({});
    expect(matchingVectors('q', [item], rows).vectors).toEqual({});
  });
});
