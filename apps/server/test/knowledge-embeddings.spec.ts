import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer, waitFor } from './support/test-server.js';
import { startEmbeddingsServer } from './support/embeddings-server.js';

// PARLEY_EMBEDDINGS_URL end to end: a real HTTP round trip to a local server speaking the OpenAI
// `/v1/embeddings` protocol (a deterministic trigram-hashing embedder), against a server with the
// same content and no provider.

interface Answer {
  slug: string;
  score: number;
  confidence: number;
  lexicalScore?: number;
  denseScore: number | null;
}

const QUESTIONS = ['Où est mon colis ?', 'how long does shipping take', 'retourner une lampe', 'where is my parcel'];

describe('knowledge base with an embedding provider', () => {
  let embeddings: Awaited<ReturnType<typeof startEmbeddingsServer>>;
  let hybrid: Awaited<ReturnType<typeof startTestServer>>;
  let lexical: Awaited<ReturnType<typeof startTestServer>>;
  let hybridApi: ApiClient;
  let lexicalApi: ApiClient;
  let lampshadeId = '';

  const ask = async (api: ApiClient, question: string, extra: Record<string, unknown> = {}): Promise<Answer[]> => {
    const res = await api.request('POST', '/api/v1/kb/answers', { question, k: 5, ...extra });
    expect(res.status).toBe(200);
    return res.body.answers;
  };
  const ranking = (answers: Answer[]) => answers.map((a) => [a.slug, a.score, a.confidence, a.denseScore]);

  beforeAll(async () => {
    embeddings = await startEmbeddingsServer();
    [hybrid, lexical] = await Promise.all([
      startTestServer({
        env: { PARLEY_EMBEDDINGS_URL: embeddings.url, PARLEY_EMBEDDINGS_MODEL: 'hash-trigram-256', PARLEY_EMBEDDINGS_API_KEY: 'sk-test-embeddings' },
      }),
      startTestServer(),
    ]);
    hybridApi = new ApiClient(hybrid.url);
    lexicalApi = new ApiClient(lexical.url);
    await Promise.all([hybridApi.login(), lexicalApi.login()]);
  }, 180_000);
  afterAll(async () => {
    await hybrid?.close();
    await lexical?.close();
    await embeddings?.close();
  });

  it('computes the vectors of the published demo content in the reindex job, with the model and key configured', async () => {
    // The demo publication enqueued kb.reindex: the job embeds every published article.
    await waitFor(() => embeddings.requests.some((r) => r.input.includes('How long does delivery take?')));
    const first = embeddings.requests[0];
    expect(first?.model).toBe('hash-trigram-256');
    expect(first?.headers.authorization).toBe('Bearer sk-test-embeddings');
    // Answers use the stored vectors once the job committed them.
    await waitFor(async () => typeof (await ask(hybridApi, 'how long does shipping take'))[0]?.denseScore === 'number');
  });

  it('ranks with the hybrid path when configured: a misspelt question still finds its answer', async () => {
    const question = 'delivry tims';
    const before = embeddings.requests.length;
    const answers = await ask(hybridApi, question, { language: 'en' });
    expect(embeddings.requests.slice(before).map((r) => r.input)).toContainEqual([question]);
    expect(answers[0]).toMatchObject({ slug: 'delivery-times' });
    expect(answers[0]?.denseScore).toBeGreaterThan(0.3);
    // Whole-word BM25 cannot see through the typos.
    const plain = await ask(lexicalApi, question, { language: 'en' });
    expect(plain.every((a) => a.denseScore === null)).toBe(true);
    expect(plain.map((a) => a.slug)).not.toContain('delivery-times');
  });

  it('embeds a newly published article in the job, and skips articles whose texts did not change', async () => {
    const created = await hybridApi.request('POST', '/api/v1/kb/articles', {
      kind: 'faq',
      language: 'en',
      title: 'Do you sell replacement lampshades?',
      body: 'Yes: every shade of the catalogue is sold separately, in linen or cotton.',
    });
    lampshadeId = created.body.id;
    const before = embeddings.requests.length;
    await hybridApi.request('POST', `/api/v1/kb/articles/${created.body.id}/publish`, {});
    await waitFor(() => embeddings.requests.slice(before).some((r) => r.input.includes('Do you sell replacement lampshades?')));
    const batch = embeddings.requests.slice(before).flatMap((r) => r.input);
    expect(batch).not.toContain('How long does delivery take?');
    await waitFor(async () => {
      const [top] = await ask(hybridApi, 'replacment lampshads', { language: 'en' });
      return top?.slug === created.body.slug && typeof top.denseScore === 'number';
    });
  });

  it('keeps the lexical ranking unchanged without a provider, and falls back to it when the provider is down', async () => {
    // Same content on both servers again (an extra article changes the BM25 statistics).
    await hybridApi.request('POST', `/api/v1/kb/articles/${lampshadeId}/unpublish`, {});
    embeddings.down = true;
    for (const question of QUESTIONS) {
      const plain = await ask(lexicalApi, question);
      expect(plain.length).toBeGreaterThan(0);
      expect(plain.every((a) => a.denseScore === null)).toBe(true);
      expect(ranking(await ask(hybridApi, question))).toEqual(ranking(plain));
    }
  });
});
