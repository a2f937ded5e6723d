// Public API of @parley/nlu. Everything runs offline with no downloaded model.
export { normalizeText, foldAccents, tokenize, cleanText, MAX_TEXT_LENGTH, type NluLanguage } from './text/normalize.js';
export { getStemmer } from './text/stemmer.js';

export { TfidfVectorizer, DEFAULT_VECTORIZER, type VectorizerOptions, type VectorizerState } from './features/vectorizer.js';
export type { SparseVector } from './features/sparse-vector.js';
export { SoftmaxRegression, softmax, DEFAULT_SOFTMAX_TRAINING, type SoftmaxTrainingOptions, type SoftmaxState } from './model/softmax-regression.js';
export { fitTemperature } from './model/calibration.js';
export { createRandom } from './model/random.js';

export {
  trainIntentClassifier,
  IntentModel,
  type IntentExample,
  type IntentTrainingOptions,
  type IntentTrainingInput,
  type IntentPrediction,
  type IntentCandidate,
  type IntentModelState,
} from './intent/intent-classifier.js';
export { trainIntentClassifierWithEncoder, type EncodedIntentModel } from './intent/encoded-intent-classifier.js';
export type { FeatureContribution } from './intent/explanation.js';

export { extractEntities, type EntityExtractionOptions, type CustomEntities } from './entities/extract-entities.js';
export type { Entity, EntityKind } from './entities/entity.js';
export type { DateTimeValue } from './entities/date-entity.js';
export type { ListEntityDefinition, ListEntityValue } from './entities/list-entity.js';
export type { RegexEntityDefinition } from './entities/regex-entity.js';
export { DEFAULT_REFERENCE_PATTERNS, type ReferencePattern } from './entities/reference-entity.js';
export { fillSlots, type SlotDefinition, type SlotState } from './entities/slot-filling.js';

export { detectLanguage, supportedLanguages, type LanguageDetection } from './language/language-detector.js';

export { analyzeSentiment, NEUTRAL_BAND, type SentimentAnalysis, type SentimentLabel } from './sentiment/analyze-sentiment.js';
export { sentimentTrend, type SentimentTrend } from './sentiment/sentiment-trend.js';
export {
  trainSentimentModel,
  SentimentModel,
  SENTIMENT_LABELS,
  type SentimentModelBase,
  type SentimentExample,
  type SentimentModelState,
  type SentimentTrainingOptions,
} from './sentiment/sentiment-model.js';
export { crossValidateSentiment, type SentimentCrossValidation, type SentimentScores } from './sentiment/sentiment-cross-validation.js';
export { scoreWithLexicon, type SentimentCue, type LexiconScore } from './sentiment/lexicon-scorer.js';
export type { Emotion } from './sentiment/sentiment-lexicon.js';

export { l2Normalize, type EmbeddingProvider } from './encoders/embedding-provider.js';
export { OpenAiEmbeddingProvider, type OpenAiEmbeddingOptions } from './encoders/openai-embedding-provider.js';
export { OnnxEmbeddingProvider, type OnnxEmbeddingOptions } from './encoders/onnx-embedding-provider.js';

export { parseLabelledJsonl, type LabelledText, type JsonlIssue, type JsonlParseResult } from './io/jsonl.js';
export { evaluate, scoreRun, type EvalReport, type EvalOptions, type EvalTask, type SystemRun } from './eval/evaluate.js';
export { accuracy, macroF1, wilsonInterval, bootstrapInterval, percentile, type Interval } from './eval/metrics.js';
