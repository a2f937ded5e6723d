import { l2Normalize, type EmbeddingProvider } from './embedding-provider.js';

/** Settings of an OpenAI-compatible `/embeddings` endpoint (OpenAI, Azure-style gateways, vLLM, Ollama, LiteLLM...). */
export interface OpenAiEmbeddingOptions {
  /** Base URL up to and including the version, e.g. "http://localhost:11434/v1". */
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
  /** Texts per request (default 64). */
  readonly batchSize?: number;
  /** Per-request timeout in ms (default 30 000). */
  readonly timeoutMs?: number;
  /** Injected fetch (tests, proxies); defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

interface EmbeddingsResponse {
  data?: Array<{ embedding?: unknown; index?: number }>;
}

/**
 * Embeddings from an OpenAI-compatible HTTP endpoint.
 *
 * @example
 * const encoder = new OpenAiEmbeddingProvider({ baseUrl: 'http://localhost:11434/v1', model: 'nomic-embed-text' });
 * const [vector] = await encoder.embed(['où est mon colis ?']);
 */
export class OpenAiEmbeddingProvider implements EmbeddingProvider {
  readonly id: string;

  constructor(private readonly options: OpenAiEmbeddingOptions) {
    if (!/^https?:\/\//.test(options.baseUrl)) throw new Error('OpenAI-compatible embeddings need an http(s) baseUrl');
    this.id = `openai:${options.baseUrl.replace(/\/+$/, '')}#${options.model}`;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const size = Math.max(1, this.options.batchSize ?? 64);
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += size) out.push(...(await this.request(texts.slice(i, i + size))));
    return out;
  }

  private async request(batch: readonly string[]): Promise<Float32Array[]> {
    const doFetch = this.options.fetch ?? fetch;
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/embeddings`;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.apiKey) headers['authorization'] = `Bearer ${this.options.apiKey}`;
    const response = await doFetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: this.options.model, input: batch.map((t) => (t.length === 0 ? ' ' : t)) }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    if (!response.ok) {
      const detail = (await response.text().catch(() => '')).slice(0, 300);
      throw new Error(`Embeddings endpoint ${url} answered ${response.status}: ${detail}`);
    }
    const body = (await response.json()) as EmbeddingsResponse;
    const data = body.data;
    if (!Array.isArray(data) || data.length !== batch.length)
      throw new Error(`Embeddings endpoint ${url} returned ${Array.isArray(data) ? data.length : 'no'} vectors for ${batch.length} texts`);
    const sorted = [...data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    return sorted.map((d) => {
      if (!Array.isArray(d.embedding) || !d.embedding.every((x) => typeof x === 'number')) throw new Error('Embeddings endpoint returned a non-numeric vector');
      return l2Normalize(Float32Array.from(d.embedding as number[]));
    });
  }
}
