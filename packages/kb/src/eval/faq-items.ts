import type { KnowledgeItem } from '../engine/knowledge-item.js';
import type { FaqRow, QueryRow } from '../io/faq-jsonl.js';

/**
 * Turns FAQ rows (and known phrasings) into knowledge items; phrasings of unknown answers are dropped
 * and counted.
 *
 * @example
 * faqItems([{ answerId: 'a', question: 'Q?', answer: 'A.' }], [{ question: 'Q2?', answerId: 'a' }]).items[0].phrasings // ['Q2?']
 */
export function faqItems(
  rows: readonly FaqRow[],
  phrasings: readonly QueryRow[] = [],
  language?: string,
): { items: KnowledgeItem[]; unknownPhrasings: number } {
  const byId = new Map<string, { title: string; body: string; phrasings: string[] }>();
  for (const r of rows) if (!byId.has(r.answerId)) byId.set(r.answerId, { title: r.question, body: r.answer, phrasings: [] });
  let unknownPhrasings = 0;
  for (const p of phrasings) {
    const item = byId.get(p.answerId);
    if (item) item.phrasings.push(p.question);
    else unknownPhrasings++;
  }
  const items = [...byId].map(([id, v]): KnowledgeItem => ({ id, title: v.title, body: v.body, phrasings: v.phrasings, ...(language ? { language } : {}) }));
  return { items, unknownPhrasings };
}
