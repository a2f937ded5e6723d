import type { EmbeddingProvider } from '../encoders/embedding-provider.js';
import { trainIntentClassifier, type IntentModel, type IntentPrediction, type IntentTrainingInput } from './intent-classifier.js';

/** An intent model whose features include a sentence encoder's embeddings; prediction is async. */
export interface EncodedIntentModel {
  readonly model: IntentModel;
  readonly encoder: EmbeddingProvider;
  predict(text: string, options?: { topK?: number; explain?: number | false }): Promise<IntentPrediction>;
}

/**
 * Trains the intent classifier with embeddings from an optional encoder appended to its n-gram features.
 *
 * @example
 * const encoder = new OpenAiEmbeddingProvider({ baseUrl: 'http://localhost:11434/v1', model: 'nomic-embed-text' });
 * const bot = await trainIntentClassifierWithEncoder({ language: 'fr', examples, encoder });
 * await bot.predict('je veux résilier');
 */
export async function trainIntentClassifierWithEncoder(
  input: Omit<IntentTrainingInput, 'embeddings'> & { encoder: EmbeddingProvider },
): Promise<EncodedIntentModel> {
  const embeddings = await input.encoder.embed(input.examples.map((e) => e.text));
  const model = trainIntentClassifier({ ...input, embeddings, encoderId: input.encoder.id });
  return {
    model,
    encoder: input.encoder,
    async predict(text, options = {}) {
      const [embedding] = await input.encoder.embed([typeof text === 'string' ? text : '']);
      return model.predict(text, { ...options, ...(embedding ? { embedding } : {}) });
    },
  };
}
