import { createRequire } from 'node:module';
import type { LabelledText } from '../io/jsonl.js';
import type { SystemRun } from '../eval/evaluate.js';

// nlp.js is CommonJS and untyped: only the few members used here are described.
interface NlpjsResult {
  intent?: string;
  classifications?: Array<{ intent: string; score: number }>;
}
interface NlpjsNlp {
  settings: Record<string, unknown>;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<NlpjsResult>;
}
interface NlpjsContainer {
  use(plugin: unknown): void;
}

const require = createRequire(import.meta.url);

/** True when the nlp.js dev dependencies are installed. */
export function nlpjsAvailable(): boolean {
  try {
    require.resolve('@nlpjs/basic');
    return true;
  } catch {
    return false;
  }
}

/**
 * Trains nlp.js (@nlpjs/basic, its default neural NLU) on the same rows and predicts the test rows.
 * Its "None" answer is scored as out of scope on open-set data; on closed-set data the best real intent is used.
 *
 * @example
 * const run = await runNlpjs(train, test, 'en', true);
 */
export async function runNlpjs(
  train: readonly LabelledText[],
  test: readonly LabelledText[],
  language: string,
  openSet: boolean,
  oosLabel = 'oos',
): Promise<SystemRun> {
  const basic = require('@nlpjs/basic') as { containerBootstrap(): Promise<NlpjsContainer>; Nlp: new (settings: Record<string, unknown>) => NlpjsNlp };
  const lang = language === 'fr' ? (require('@nlpjs/lang-fr') as { LangFr: unknown }).LangFr : (require('@nlpjs/lang-en') as { LangEn: unknown }).LangEn;
  const container = await basic.containerBootstrap();
  container.use(lang);
  const nlp = new basic.Nlp({
    container,
    languages: [language],
    autoSave: false,
    autoLoad: false,
    nlu: { log: false },
    calculateSentiment: false,
    forceNER: false,
  });
  nlp.settings['autoSave'] = false;
  for (const row of train) nlp.addDocument(language, row.text, row.label);
  const t0 = performance.now();
  await nlp.train();
  const trainSeconds = (performance.now() - t0) / 1000;
  // Same warm-up as Parley's evaluation before timing.
  for (const row of train.slice(0, 50)) await nlp.process(language, row.text);
  const predicted: string[] = [];
  const latenciesMs: number[] = [];
  for (const row of test) {
    const s = performance.now();
    const r = await nlp.process(language, row.text);
    latenciesMs.push(performance.now() - s);
    if (openSet) predicted.push(!r.intent || r.intent === 'None' ? oosLabel : r.intent);
    else predicted.push(r.classifications?.find((c) => c.intent !== 'None')?.intent ?? (r.intent && r.intent !== 'None' ? r.intent : 'None'));
  }
  return { predicted, latenciesMs, trainSeconds };
}

/**
 * nlp.js built-in (lexicon) sentiment on texts: vote > 0 positive, < 0 negative, else neutral.
 *
 * @example
 * await nlpjsLexiconSentiment(['super'], 'fr') // ['positive']
 */
export async function nlpjsLexiconSentiment(texts: readonly string[], language: string): Promise<string[] | null> {
  try {
    const basic = require('@nlpjs/basic') as { containerBootstrap(): Promise<NlpjsContainer & { get(name: string): unknown }> };
    const { SentimentAnalyzer } = require('@nlpjs/sentiment') as {
      SentimentAnalyzer: new (s: Record<string, unknown>, c: unknown) => { process(i: Record<string, unknown>): Promise<{ sentiment: { vote: string } }> };
    };
    const container = await basic.containerBootstrap();
    container.use(language === 'fr' ? (require('@nlpjs/lang-fr') as { LangFr: unknown }).LangFr : (require('@nlpjs/lang-en') as { LangEn: unknown }).LangEn);
    const analyzer = new SentimentAnalyzer({}, container);
    const out: string[] = [];
    for (const text of texts) {
      const r = await analyzer.process({ locale: language, text });
      out.push(r.sentiment.vote === 'positive' ? 'positive' : r.sentiment.vote === 'negative' ? 'negative' : 'neutral');
    }
    return out;
  } catch {
    return null;
  }
}
