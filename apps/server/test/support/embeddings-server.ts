import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { startLocalJsonServer } from './local-json-server.js';

/**
 * A deterministic embedder: character trigrams of the accent-folded, lower-cased text hashed into
 * `dims` buckets. Spelling mistakes keep most trigrams, which BM25 on whole words cannot do, so it
 * shows the hybrid path at work without a model.
 */
export function hashEmbedding(text: string, dims = 256): number[] {
  const v = new Array<number>(dims).fill(0);
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  for (const word of words) {
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const bucket =
        createHash('sha256')
          .update(padded.slice(i, i + 3))
          .digest()
          .readUInt32BE(0) % dims;
      v[bucket] = (v[bucket] ?? 0) + 1;
    }
  }
  return v;
}

export interface EmbeddingsRequest {
  headers: IncomingHttpHeaders;
  model: string;
  input: string[];
}

/**
 * A local HTTP server speaking the OpenAI `POST /v1/embeddings` protocol with {@link hashEmbedding}.
 * `down = true` makes it answer 503, as a provider in trouble would.
 */
export async function startEmbeddingsServer(): Promise<{ url: string; requests: EmbeddingsRequest[]; down: boolean; close(): Promise<void> }> {
  const state = { requests: [] as EmbeddingsRequest[], down: false };
  const server = await startLocalJsonServer('/v1/embeddings', (headers, raw) => {
    if (state.down) return { status: 503, json: { error: { message: 'overloaded' } } };
    const body = raw as { model: string; input: string | string[] };
    const input = Array.isArray(body.input) ? body.input : [body.input];
    state.requests.push({ headers, model: body.model, input });
    const data = input.map((text, index) => ({ object: 'embedding', index, embedding: hashEmbedding(text) }));
    return { status: 200, json: { object: 'list', data, model: body.model, usage: { prompt_tokens: 0, total_tokens: 0 } } };
  });
  return {
    url: server.url,
    get requests() {
      return state.requests;
    },
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    close: () => server.close(),
  };
}
