import { analyze, type AnalyzerOptions } from '../text/analyzer.js';

/** A displayable piece of an answer with its index terms. */
export interface Passage {
  readonly text: string;
  readonly terms: ReadonlySet<string>;
}

const MAX_PASSAGE = 320;

/**
 * Strips the Markdown syntax that would look odd in a snippet (headings, emphasis, link targets, code fences).
 *
 * @example
 * markdownToPlain('## Délais\n**48 h** via [suivi](https://x.fr)') // 'Délais\n48 h via suivi'
 */
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/(\*\*|__|\*|_|`)(?=\S)([^*_`\n]*?\S)\1/g, '$2')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/**
 * Splits an answer into passages: paragraphs, and sentence windows of about 320 characters inside
 * long paragraphs, so that "why this answer" shows the part that answers rather than the whole article.
 *
 * @example
 * splitPassages('First para.\n\nSecond para.') // ['First para.', 'Second para.']
 */
export function splitPassages(body: string): string[] {
  const paragraphs = markdownToPlain(body)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0);
  const out: string[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph.length <= MAX_PASSAGE) {
      out.push(paragraph);
      continue;
    }
    const sentences = paragraph.match(/[^.!?…]+(?:[.!?…]+|$)\s*/g) ?? [paragraph];
    let current = '';
    for (const sentence of sentences) {
      if (current && current.length + sentence.length > MAX_PASSAGE) {
        out.push(current.trim());
        current = '';
      }
      current += sentence;
    }
    if (current.trim()) out.push(current.trim().slice(0, MAX_PASSAGE * 3));
  }
  return out;
}

/**
 * Analyses the passages of a body once, at index time.
 *
 * @example
 * indexPassages('Retours sous 30 jours.', 'fr')[0].terms.has('retour') // true
 */
export function indexPassages(body: string, language: string, options: AnalyzerOptions = {}): Passage[] {
  return splitPassages(body).map((text) => ({ text, terms: new Set(analyze(text, language, options)) }));
}

/**
 * Picks the passage that covers most of the query's weight (IDF-weighted), the earliest on ties,
 * the first one when nothing matches.
 *
 * @example
 * bestPassage(passages, [{ term: 'retour', weight: 2.1 }])
 */
export function bestPassage(passages: readonly Passage[], weighted: ReadonlyArray<{ term: string; weight: number }>): string {
  let best = passages[0]?.text ?? '';
  let bestScore = 0;
  for (const p of passages) {
    let s = 0;
    for (const { term, weight } of weighted) if (p.terms.has(term)) s += weight;
    if (s > bestScore + 1e-9) {
      bestScore = s;
      best = p.text;
    }
  }
  return best;
}
