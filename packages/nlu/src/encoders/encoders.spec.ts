import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainIntentClassifierWithEncoder } from '../intent/encoded-intent-classifier.js';
import { IntentModel } from '../intent/intent-classifier.js';
import { OnnxEmbeddingProvider } from './onnx-embedding-provider.js';
import { OpenAiEmbeddingProvider } from './openai-embedding-provider.js';

// A fake OpenAI-compatible endpoint: a 3-dimensional "embedding" from keywords.
let server: Server;
let baseUrl = '';
const seen: Array<{ auth: string | undefined; body: { model: string; input: string[] } }> = [];

function fakeEmbedding(text: string): number[] {
  const t = text.toLowerCase();
  return [t.includes('cancel') ? 1 : 0, t.includes('track') || t.includes('where') ? 1 : 0, 0.1];
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      if (req.url !== '/v1/embeddings') {
        res.writeHead(404).end('not found');
        return;
      }
      const body = JSON.parse(raw) as { model: string; input: string[] };
      seen.push({ auth: req.headers.authorization, body });
      if (body.model === 'broken') {
        res.writeHead(500).end('model crashed');
        return;
      }
      const data = body.input.map((t, index) => ({ index, embedding: fakeEmbedding(t) })).reverse();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('OpenAiEmbeddingProvider', () => {
  it('embeds in batches, in order, normalised, with the API key', async () => {
    const encoder = new OpenAiEmbeddingProvider({ baseUrl, model: 'fake', apiKey: 'k-123', batchSize: 2 });
    const vectors = await encoder.embed(['cancel it', 'where is it', 'hello']);
    expect(vectors).toHaveLength(3);
    expect(vectors[0]?.[0]).toBeGreaterThan(0.9);
    expect(vectors[1]?.[1]).toBeGreaterThan(0.9);
    const norm = Math.hypot(...Array.from(vectors[0] ?? []));
    expect(norm).toBeCloseTo(1, 5);
    expect(seen.at(-1)?.auth).toBe('Bearer k-123');
    expect(seen.at(-2)?.body.input).toEqual(['cancel it', 'where is it']);
  });
  it('reports HTTP errors clearly', async () => {
    await expect(new OpenAiEmbeddingProvider({ baseUrl, model: 'broken' }).embed(['x'])).rejects.toThrow(/500: model crashed/);
    expect(() => new OpenAiEmbeddingProvider({ baseUrl: 'ftp://x', model: 'm' })).toThrow(/http/);
  });
  it('feeds the intent classifier, which stays serialisable', async () => {
    const encoder = new OpenAiEmbeddingProvider({ baseUrl, model: 'fake' });
    const examples = [
      ...['cancel my order', 'please cancel', 'cancel subscription'].map((text) => ({ text, intent: 'cancel' })),
      ...['track my parcel', 'where is my order', 'track delivery'].map((text) => ({ text, intent: 'track' })),
    ];
    const bot = await trainIntentClassifierWithEncoder({ language: 'en', examples, encoder });
    expect((await bot.predict('cancel')).intent).toBe('cancel');
    expect(bot.model.dense?.encoderId).toBe(encoder.id);
    const restored = IntentModel.fromJSON(JSON.parse(JSON.stringify(bot.model.toJSON())));
    expect(restored.dense?.dims).toBe(3);
  });
});

describe('OnnxEmbeddingProvider', () => {
  it('explains how to install the optional package when it is absent', async () => {
    const encoder = new OnnxEmbeddingProvider({
      modelPath: '/models/none',
      loadModule: () => Promise.reject(new Error("Cannot find package '@huggingface/transformers'")),
    });
    await expect(encoder.embed(['x'])).rejects.toThrow(/ONNXRUNTIME_NODE_INSTALL=skip npm install @huggingface\/transformers/);
  });
  it('loads a local model folder with remote models disabled', async () => {
    const env = { allowRemoteModels: true, allowLocalModels: false, localModelPath: '' };
    let requested = '';
    const fakeModule = {
      env,
      pipeline: async (_task: string, model: string) => {
        requested = model;
        return async (texts: string[]) => ({ tolist: () => texts.map(() => [3, 4]) });
      },
    };
    const encoder = new OnnxEmbeddingProvider({ modelPath: '/models/e5-small', loadModule: async () => fakeModule });
    const [v] = await encoder.embed(['bonjour']);
    expect(Array.from(v ?? [])).toEqual([expect.closeTo(0.6, 5), expect.closeTo(0.8, 5)]);
    expect(env).toEqual({ allowRemoteModels: false, allowLocalModels: true, localModelPath: '/models/' });
    expect(requested).toBe('e5-small');
  });
});
