import type { Entity } from './entity.js';
import { parseLocalizedNumber } from './number-entity.js';

const SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY', chf: 'CHF' };
const WORDS: Array<[RegExp, string]> = [
  [/^(?:eur|euros?)$/, 'EUR'],
  [/^(?:usd|dollars?|bucks?)$/, 'USD'],
  [/^(?:gbp|pounds?|livres? sterling|livres?)$/, 'GBP'],
  [/^(?:chf|francs? suisses?)$/, 'CHF'],
  [/^(?:cad|dollars? canadiens?|canadian dollars?)$/, 'CAD'],
  [/^(?:jpy|yens?)$/, 'JPY'],
  [/^(?:cents?|centimes?)$/, 'CENT'],
];
const NUM = String.raw`\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const CUR_WORD = String.raw`eur|euros?|usd|dollars? canadiens?|canadian dollars?|dollars?|bucks?|gbp|pounds?|livres? sterling|livres?|chf|francs? suisses?|cad|jpy|yens?|cents?|centimes?`;
const AFTER = new RegExp(String.raw`(?<![\w.,])(${NUM})\s?(€|\$|£|¥|(?:${CUR_WORD})\b)`, 'g');
const BEFORE = new RegExp(String.raw`(€|\$|£|¥|\b(?:eur|usd|gbp|chf|cad)\b)\s?(${NUM})(?![\w]|[.,]\d)`, 'g');

function currencyOf(token: string): string | null {
  const t = token.trim();
  const sym = SYMBOLS[t];
  if (sym) return sym;
  for (const [re, code] of WORDS) if (re.test(t)) return code;
  return null;
}

/** Decides the decimal convention from the separator shapes, falling back on the language. */
function parseAmount(raw: string, language: string): number {
  if (/[.,]\d{1,2}$/.test(raw) && !/[.,]\d{3}$/.test(raw)) {
    const dec = raw.slice(-3).match(/[.,]/)?.[0] ?? raw.slice(-2, -1);
    const intPart = raw.slice(0, raw.lastIndexOf(dec)).replace(/[ \u00a0\u202f.,]/g, '');
    return Number(`${intPart}.${raw.slice(raw.lastIndexOf(dec) + 1)}`);
  }
  return parseLocalizedNumber(raw, language === 'fr' ? 'fr' : 'en');
}

/**
 * Finds money amounts with a currency symbol, ISO code or word, before or after the number.
 *
 * @example
 * extractAmounts('un remboursement de 49,90 €', scanText('un remboursement de 49,90 €'), 'fr')[0].normalized // '49.90 EUR'
 */
export function extractAmounts(text: string, scan: string, language: string): Entity[] {
  const out: Entity[] = [];
  const push = (start: number, len: number, rawNumber: string, cur: string): void => {
    let currency = currencyOf(cur);
    if (!currency) return;
    let amount = parseAmount(rawNumber, language);
    if (currency === 'CENT') {
      currency = language === 'fr' ? 'EUR' : 'USD';
      amount = amount / 100;
    }
    if (!Number.isFinite(amount)) return;
    out.push({
      kind: 'amount',
      name: 'amount',
      text: text.slice(start, start + len),
      start,
      end: start + len,
      value: { amount, currency },
      normalized: `${amount.toFixed(2)} ${currency}`,
      confidence: 1,
    });
  };
  for (const m of scan.matchAll(AFTER)) push(m.index ?? 0, m[0].length, m[1] ?? '', m[2] ?? '');
  for (const m of scan.matchAll(BEFORE)) push(m.index ?? 0, m[0].length, m[2] ?? '', m[1] ?? '');
  return out;
}
