// Public API of @parley/kb: the answer engine, import/export formats and the safe Markdown renderer.
export { analyze, analyzeTokens, termFrequencies, normalizeQuestion, type AnalyzerOptions, type AnalyzedToken } from './text/analyzer.js';
export { OpenAiEmbeddingProvider, type EmbeddingProvider, type OpenAiEmbeddingOptions } from '@parley/nlu';
export { stopWords } from './text/stop-words.js';
export { SynonymExpander, type SynonymGroups, type WeightedTerm } from './text/synonyms.js';

export type { KnowledgeItem, AnswerQuery, RankedAnswer, MatchExplanation } from './engine/knowledge-item.js';
export { DEFAULT_BM25F, type Bm25fParams } from './engine/bm25f-params.js';
export { LexicalIndex, type LexicalHit, type LexicalIndexOptions } from './engine/lexical-index.js';
export { AnswerEngine, type AnswerEngineOptions } from './engine/answer-engine.js';
export { DenseIndex, embeddingTexts, type StoredVectors } from './engine/dense-index.js';
export { reciprocalRankFusion, weightedFusion, type FusionOptions } from './engine/fusion.js';
export { feedbackBoost, type FeedbackStats } from './engine/feedback-boost.js';
export { splitPassages, markdownToPlain, bestPassage, indexPassages, type Passage } from './engine/passages.js';
export { PlainBm25 } from './engine/plain-bm25.js';

export { parseFaqJsonl, parseQueryJsonl, type FaqRow, type QueryRow, type LineIssue } from './io/faq-jsonl.js';
export { faqItems } from './eval/faq-items.js';
export { evaluateRetrieval, evaluateRetrievalAsync, meanBootstrap, type RetrievalReport } from './eval/retrieval-metrics.js';

export { KB_KINDS, slugify, toKbDocument, type KbDocument, type KbKind, type KbImportIssue } from './io/kb-document.js';
export { parseFrontMatter, parseMarkdownDocument, serializeMarkdownDocument } from './io/front-matter.js';
export { parseCsv, toCsv, parseCsvDocuments, serializeCsvDocuments } from './io/csv.js';
export { parseJsonDocuments, serializeJsonDocuments } from './io/json-documents.js';
export { renderMarkdown, escapeHtml } from './render/markdown-html.js';
