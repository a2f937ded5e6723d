/**
 * What the answer engine indexes: an article, a FAQ entry, a procedure or a canned response,
 * flattened to text fields. Storage and editing live elsewhere; the engine only needs this.
 */
export interface KnowledgeItem {
  readonly id: string;
  /** Article title or FAQ question. */
  readonly title: string;
  /** Answer text (Markdown allowed; it is indexed as text). */
  readonly body: string;
  /** Other ways to ask for this item (FAQ alternatives, learned phrasings). */
  readonly phrasings?: readonly string[];
  /** ISO 639-1 code; detected from the text when missing. */
  readonly language?: string;
  /** Channels this item may be served on; empty or missing = every channel. */
  readonly channels?: readonly string[];
  /** Audiences ("public", "agent", …); empty or missing = every audience. */
  readonly audiences?: readonly string[];
  readonly tags?: readonly string[];
  readonly category?: string;
}

/** Options of one query. */
export interface AnswerQuery {
  readonly question: string;
  /** Number of answers (default 5, at most 50). */
  readonly k?: number;
  /** When given, only items in this language are returned; otherwise the language is detected and preferred. */
  readonly language?: string;
  readonly channel?: string;
  readonly audience?: string;
}

/** Why an answer came up: which text matched and which of the customer's words did. */
export interface MatchExplanation {
  /** "title", "phrasing" or "body": where the best match was. */
  readonly field: 'title' | 'phrasing' | 'body';
  /** The title or phrasing that matched best (the question side of the match). */
  readonly matchedQuestion: string;
  /** The passage of the body that answers (best matching paragraph or sentence window). */
  readonly passage: string;
  /** Query words (as typed, lower-cased) found in the item. */
  readonly matchedTerms: readonly string[];
}

/** One ranked answer. */
export interface RankedAnswer {
  readonly id: string;
  readonly rank: number;
  /** Final score after fusion and feedback (higher is better; comparable within one query). */
  readonly score: number;
  /** 0–1: share of the query's weight the item covers (lexical) or fused confidence. Used for gap detection. */
  readonly confidence: number;
  readonly lexicalScore: number;
  readonly denseScore: number | null;
  readonly explanation: MatchExplanation;
}
