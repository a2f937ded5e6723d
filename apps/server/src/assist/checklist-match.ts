import { analyzeTokens } from '@parley/kb';

/**
 * Words that say what the agent should do rather than what they tell the customer ("Demander le
 * numéro…", "Check the date…"): a reply never repeats them, so they would only dilute the match.
 * Compared after accent folding and stemming, like the rest of the step.
 */
const INSTRUCTION_WORDS: Record<string, readonly string[]> = {
  fr: ['demander', 'vérifier', 'ouvrir', 'proposer', 'noter', 'confirmer', 'expliquer', 'indiquer', 'informer', 'rappeler', 'consulter', 'saisir', 'client'],
  en: ['ask', 'check', 'verify', 'open', 'offer', 'note', 'confirm', 'explain', 'tell', 'inform', 'remind', 'look', 'enter', 'customer'],
};

/** Share of a step's content words an outgoing message must contain to cover it. */
export const STEP_COVERAGE = 0.5;
/** …and at least this many of them (a one-word overlap is chance), unless the step has fewer words. */
const MIN_SHARED = 2;

/** How well one message covers one step. */
export interface StepCoverage {
  covered: boolean;
  /** Shared content words over the step's content words (0–1). */
  coverage: number;
  /** The step's words found in the message, as written in the step. */
  matchedTerms: string[];
}

const instructionStems = new Map<string, Set<string>>();
function instructions(language: string): Set<string> {
  let stems = instructionStems.get(language);
  if (!stems) {
    stems = new Set((INSTRUCTION_WORDS[language] ?? []).flatMap((w) => analyzeTokens(w, language).map((t) => t.term)));
    instructionStems.set(language, stems);
  }
  return stems;
}

/** The content words of a step: stemmed, stop words and instruction verbs out, one entry per term. */
function stepTerms(step: string, language: string): Map<string, string> {
  const skip = instructions(language);
  const terms = new Map<string, string>();
  for (const t of analyzeTokens(step, language)) if (!skip.has(t.term) && !terms.has(t.term)) terms.set(t.term, t.surface);
  return terms;
}

/**
 * Whether an outgoing message covers a checklist step: the same analysis as the knowledge base
 * (accent folding, stop words, Snowball stemming in the procedure's language), so "photos du
 * colis" in a reply meets "photo du colis" in the step.
 *
 * @example
 * stepCoverage('Demander le numéro de commande et des photos du colis.', 'Pouvez-vous m’envoyer votre numéro de commande et des photos du colis ?', 'fr').covered // true
 */
export function stepCoverage(step: string, message: string, language: string): StepCoverage {
  const wanted = stepTerms(step, language);
  if (wanted.size === 0) return { covered: false, coverage: 0, matchedTerms: [] };
  const said = new Set(analyzeTokens(message, language).map((t) => t.term));
  const matchedTerms = [...wanted].filter(([term]) => said.has(term)).map(([, surface]) => surface);
  const coverage = matchedTerms.length / wanted.size;
  const covered = coverage >= STEP_COVERAGE && matchedTerms.length >= Math.min(MIN_SHARED, wanted.size);
  return { covered, coverage, matchedTerms };
}

/**
 * The steps an outgoing message covers among those not yet ticked, in the procedure's order.
 *
 * @example
 * coveredSteps([{ id: '1', text: 'Demander le numéro de commande', ticked: false }], 'Quel est votre numéro de commande ?', 'fr') // [{ id: '1', … }]
 */
export function coveredSteps(
  steps: ReadonlyArray<{ id: string; text: string; ticked: boolean }>,
  message: string,
  language: string,
): Array<{ id: string; coverage: number; matchedTerms: string[] }> {
  return steps.flatMap((s) => {
    if (s.ticked) return [];
    const c = stepCoverage(s.text, message, language);
    return c.covered ? [{ id: s.id, coverage: c.coverage, matchedTerms: c.matchedTerms }] : [];
  });
}

/** Minimum engine confidence for a procedure to become the conversation's checklist. */
export const PROCEDURE_CONFIDENCE = 0.3;

/**
 * The procedure the conversation matches among ranked knowledge-base answers: the best-ranked
 * answer of kind `procedure` with steps and a confidence at or above the threshold, or null.
 *
 * @example
 * matchingProcedure(answers)?.articleId
 */
export function matchingProcedure<T extends { kind: string; confidence: number; steps: readonly string[] }>(
  answers: readonly T[],
  threshold = PROCEDURE_CONFIDENCE,
): T | null {
  return answers.find((a) => a.kind === 'procedure' && a.steps.length > 0 && a.confidence >= threshold) ?? null;
}
