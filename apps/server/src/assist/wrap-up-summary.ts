import { analyze } from '@parley/kb';
import { extractEntities } from '@parley/nlu';

/** One message of the conversation as the summary reads it. */
export interface SummaryMessage {
  author: 'customer' | 'agent' | 'bot';
  text: string;
}

/** An extractive wrap-up draft: the most informative sentences of each side, the topic and the references. */
export interface ExtractiveSummary {
  summary: string;
  customerSentences: string[];
  agentSentences: string[];
  /** Order, parcel, contract… references found in the messages (normalised, e.g. `CMD-48213`). */
  references: string[];
}

/** Sentences kept per side: enough to say what was asked and what was done. */
const PER_SIDE = 2;
/** A sentence with fewer content words is a greeting, a thank-you or a "ok". */
const MIN_TERMS = 3;
const MAX_SENTENCE = 240;

const LABELS = {
  fr: { topic: 'Motif', customer: 'Client', agent: 'Réponse', references: 'Références' },
  en: { topic: 'Topic', customer: 'Customer', agent: 'Answer', references: 'References' },
} as const;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

interface Candidate {
  side: 'customer' | 'agent';
  order: number;
  text: string;
  terms: Set<string>;
  hasReference: boolean;
}

/**
 * Picks the most informative customer and agent sentences: each sentence scores the sum of its
 * content words' rarity across the conversation (a word every line repeats says little), with a
 * bonus when it carries a reference; greetings and short acknowledgements score nothing. The kept
 * sentences stay in conversation order, followed by the topic (detected intent or procedure) and
 * the references found.
 *
 * @example
 * extractiveSummary({ language: 'fr', topic: 'Colis endommagé', messages: [{ author: 'customer', text: 'Ma lampe est arrivée cassée, commande CMD-48213.' }] }).references // ['CMD-48213']
 */
export function extractiveSummary(input: { messages: readonly SummaryMessage[]; language: string; topic?: string | null }): ExtractiveSummary {
  const language = input.language === 'en' ? 'en' : 'fr';
  const references: string[] = [];
  const candidates: Candidate[] = [];
  for (const m of input.messages) {
    for (const e of extractEntities(m.text, { language, kinds: ['reference'] })) if (!references.includes(e.normalized)) references.push(e.normalized);
    for (const text of sentences(m.text)) {
      const refs = extractEntities(text, { language, kinds: ['reference'] });
      candidates.push({
        side: m.author === 'customer' ? 'customer' : 'agent',
        order: candidates.length,
        text,
        terms: new Set(analyze(text, language)),
        hasReference: refs.length > 0,
      });
    }
  }
  const df = new Map<string, number>();
  for (const c of candidates) for (const t of c.terms) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(1, candidates.length);
  const score = (c: Candidate): number => {
    if (c.terms.size < MIN_TERMS) return 0;
    let s = 0;
    for (const t of c.terms) s += Math.log(1 + n / (df.get(t) ?? 1));
    return s + (c.hasReference ? 2 : 0);
  };
  const pick = (side: Candidate['side']): string[] =>
    candidates
      .filter((c) => c.side === side)
      .map((c) => ({ c, s: score(c) }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s || a.c.order - b.c.order)
      .slice(0, PER_SIDE)
      .sort((a, b) => a.c.order - b.c.order)
      .map((x) => (x.c.text.length > MAX_SENTENCE ? `${x.c.text.slice(0, MAX_SENTENCE - 1)}…` : x.c.text));
  const customerSentences = pick('customer');
  const agentSentences = pick('agent');
  const l = LABELS[language];
  const lines = [
    ...(input.topic ? [`${l.topic} : ${input.topic}`] : []),
    ...(customerSentences.length ? [`${l.customer} : ${customerSentences.join(' ')}`] : []),
    ...(agentSentences.length ? [`${l.agent} : ${agentSentences.join(' ')}`] : []),
    ...(references.length ? [`${l.references} : ${references.join(', ')}`] : []),
  ];
  // English typography has no space before the colon.
  const summary = lines.map((line) => (language === 'en' ? line.replace(/^(\w+) :/, '$1:') : line)).join('\n');
  return { summary, customerSentences, agentSentences, references };
}
