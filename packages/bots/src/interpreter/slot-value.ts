import { extractEntities } from '@parley/nlu';
import type { BotDefinition, BotStep } from '../definition/bot-definition.schema.js';

type Question = Extract<BotStep, { type: 'question' }>;

/**
 * The value a message gives for a question's slot, or null: the NLU entity of the wanted kind
 * (or the bot's regex entity), checked against the step's validation pattern.
 *
 * @example
 * slotValue(definition, step, 'ma commande CMD-10042', 'fr', now) // 'CMD-10042'
 */
export function slotValue(definition: BotDefinition, step: Question, text: string, lang: string, now: Date): string | null {
  let value: string | null = null;
  if (step.entity === 'text') value = text.trim() || null;
  else {
    const wanted = step.entity.startsWith('regex:') ? step.entity.slice('regex:'.length) : null;
    if (wanted) {
      // Matched directly: the NLU's built-in reference entity would win the overlap for "CMD-…".
      const definitionOf = definition.entities.regexes.find((r) => r.name === wanted);
      const match = definitionOf ? new RegExp(definitionOf.pattern, definitionOf.flags ?? 'i').exec(text) : null;
      value = match ? (match[1] ?? match[0]) : null;
    } else {
      const found = extractEntities(text, { language: lang, now }).find((e) => e.kind === step.entity);
      value = found ? found.normalized : null;
    }
  }
  if (value !== null && step.validate && !new RegExp(step.validate, 'i').test(value)) return null;
  return value;
}
