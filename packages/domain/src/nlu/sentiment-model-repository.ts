import type { Actor } from '../access/principal.js';

/** The languages a workspace can train a sentiment model for (those of the shipped lexicon). */
export const SENTIMENT_MODEL_LANGUAGES = ['fr', 'en'] as const;
export type SentimentModelLanguage = (typeof SENTIMENT_MODEL_LANGUAGES)[number];

/** A workspace's labelled message. */
export interface LabelledSentimentExample {
  text: string;
  label: 'negative' | 'neutral' | 'positive';
}

/** Accuracy and macro-F1 of one model on the workspace's examples. */
export interface SentimentScores {
  accuracy: number;
  macroF1: number;
}

/** How the trained model compares with the built-in one on the workspace's own examples (cross-validated). */
export interface SentimentEvaluation {
  method: 'stratified_k_fold';
  folds: number;
  examples: number;
  /** The workspace model, every example predicted by a model trained without it. */
  workspace: SentimentScores;
  /** The built-in lexicon model on the same examples. */
  builtIn: SentimentScores;
}

/** The latest training request of a language: queued until the `nlu.sentiment_train` job ends it. */
export interface SentimentTrainingRequest {
  id: string;
  status: 'queued' | 'done' | 'failed';
  examples: number;
  labelCounts: Record<string, number>;
  requestedAt: Date;
  requestedBy: Actor;
  /** Why training failed (status `failed`). */
  error: string | null;
}

/** The model a workspace's analyses use for a language (the request that produced it is `version`). */
export interface TrainedSentimentModelInfo {
  /** Changes at every new model: the processes' caches compare it. */
  version: string;
  examples: number;
  labelCounts: Record<string, number>;
  evaluation: SentimentEvaluation;
  trainedAt: Date;
  /** Who asked for the training. */
  trainedBy: Actor;
  trainMs: number;
}

/** A workspace's sentiment training for one language, without the examples and model bytes. */
export interface SentimentModelSummary {
  workspaceId: string;
  language: string;
  request: SentimentTrainingRequest;
  /** Null until a request succeeds; a later request that fails or is queued keeps it in use. */
  model: TrainedSentimentModelInfo | null;
}

/** A finished training, stored only if its request is still the latest. */
export interface CompletedSentimentTraining {
  /** The serialised model (`SentimentModel.toJSON()` of `@parley/nlu`). */
  state: unknown;
  evaluation: SentimentEvaluation;
  trainedAt: Date;
  trainMs: number;
}

/**
 * Storage of workspace-trained sentiment models: one row per workspace and language holding the
 * latest request (its examples, for the job) and the model in use. Every method is scoped to the
 * workspace.
 *
 * @example
 * const versions = await sentimentModels(store.read).versions(workspaceId); // [{ language: 'fr', version }]
 */
export interface SentimentModelRepository {
  list(workspaceId: string): Promise<SentimentModelSummary[]>;
  /** Replaces the language's request (and its examples); the model in use, if any, stays until the new one is trained. */
  request(
    workspaceId: string,
    language: string,
    request: { id: string; examples: LabelledSentimentExample[]; requestedAt: Date; requestedBy: Actor },
  ): Promise<void>;
  /** The examples of a request, or null when it is no longer the latest. */
  examplesOf(workspaceId: string, language: string, requestId: string): Promise<LabelledSentimentExample[] | null>;
  /** Stores the model of a request; false (nothing written) when a newer request or a delete came first. */
  complete(workspaceId: string, language: string, requestId: string, result: CompletedSentimentTraining): Promise<boolean>;
  /** Marks a request failed (the model in use stays); false when it is no longer the latest. */
  fail(workspaceId: string, language: string, requestId: string, error: string): Promise<boolean>;
  /** The version of each language's model in use: one small read, for the caches. */
  versions(workspaceId: string): Promise<Array<{ language: string; version: string }>>;
  /** The serialised model in use, or null. */
  modelState(workspaceId: string, language: string): Promise<{ version: string; state: unknown } | null>;
  /** Removes the language's model and examples (analyses use the built-in model again); false when there was none. */
  remove(workspaceId: string, language: string): Promise<boolean>;
}
