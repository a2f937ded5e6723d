import { l2Normalize, type EmbeddingProvider } from './embedding-provider.js';

/** Settings of a local ONNX sentence-embedding model. */
export interface OnnxEmbeddingOptions {
  /** Folder holding the model in the transformers.js layout (config.json, tokenizer.json, onnx/model.onnx). */
  readonly modelPath: string;
  /** Pooling of token vectors (default "mean"). */
  readonly pooling?: 'mean' | 'cls';
  /** Use the quantised weights onnx/model_quantized.onnx (default false). */
  readonly quantized?: boolean;
  /** Module loader, injectable for tests; defaults to a dynamic import of `@huggingface/transformers`. */
  readonly loadModule?: () => Promise<unknown>;
}

type Extractor = (texts: string[], options: Record<string, unknown>) => Promise<{ tolist(): number[][] }>;
interface TransformersModule {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline(task: string, model: string, options: Record<string, unknown>): Promise<Extractor>;
}

/** Name of the optional package; kept in a variable so bundlers and tsc do not require it. */
const TRANSFORMERS_PACKAGE = '@huggingface/transformers';

/**
 * Embeddings from a local ONNX model folder through `@huggingface/transformers`, loaded lazily.
 * The package is optional: install it with `ONNXRUNTIME_NODE_INSTALL=skip npm install @huggingface/transformers`
 * (skip avoids a network download of GPU binaries). Nothing is ever fetched from a model hub.
 *
 * @example
 * const encoder = new OnnxEmbeddingProvider({ modelPath: '/models/multilingual-e5-small' });
 * const vectors = await encoder.embed(['bonjour']);
 */
export class OnnxEmbeddingProvider implements EmbeddingProvider {
  readonly id: string;
  private extractor: Promise<Extractor> | null = null;

  constructor(private readonly options: OnnxEmbeddingOptions) {
    this.id = `onnx:${options.modelPath}`;
  }

  private async load(): Promise<Extractor> {
    let mod: TransformersModule;
    try {
      mod = (await (this.options.loadModule ?? (() => import(TRANSFORMERS_PACKAGE)))()) as TransformersModule;
    } catch (error) {
      throw new Error(
        `The ONNX embedding provider needs the optional package ${TRANSFORMERS_PACKAGE}, which is not installed ` +
          `(install it with: ONNXRUNTIME_NODE_INSTALL=skip npm install ${TRANSFORMERS_PACKAGE}). Cause: ${(error as Error).message}`,
      );
    }
    const path = this.options.modelPath.replace(/\/+$/, '');
    const slash = path.lastIndexOf('/');
    // Only local files: remote hubs are disabled so self-hosted installs never phone home.
    mod.env.allowRemoteModels = false;
    mod.env.allowLocalModels = true;
    mod.env.localModelPath = slash >= 0 ? path.slice(0, slash + 1) : './';
    return mod.pipeline('feature-extraction', slash >= 0 ? path.slice(slash + 1) : path, { dtype: this.options.quantized ? 'q8' : 'fp32' });
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    this.extractor ??= this.load();
    let extractor: Extractor;
    try {
      extractor = await this.extractor;
    } catch (error) {
      this.extractor = null;
      throw error;
    }
    if (texts.length === 0) return [];
    const tensor = await extractor([...texts], { pooling: this.options.pooling ?? 'mean', normalize: false });
    return tensor.tolist().map((v) => l2Normalize(Float32Array.from(v)));
  }
}
