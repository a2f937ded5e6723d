import type { BotDefinition } from '../definition/bot-definition.schema.js';
import type { BotBlock, BotState } from './bot-state.js';
import { builtinText } from './builtin-texts.js';

/**
 * What the bot says once when a customer sends more messages than it answers in a window (the
 * driver's per-conversation rate limit): in the conversation's language, with the persona's tone.
 *
 * @example
 * slowDownMessage(definition, state) // [{ type: 'text', text: 'Vous m’envoyez beaucoup de messages à la fois. …' }]
 */
export function slowDownMessage(definition: BotDefinition, state: BotState | null): BotBlock[] {
  const lang = state?.lang ?? definition.defaultLanguage;
  return [{ type: 'text', text: builtinText('slowDown', lang, definition.persona) }];
}
