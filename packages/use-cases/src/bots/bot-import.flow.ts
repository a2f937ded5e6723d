import { AppError } from '@parley/kernel';
import { requirePermission, type Principal } from '@parley/domain';
import { mergeImportedIntents, parseBotDefinition, parseDialogflowAgent, parseRasaNlu, type ImportReport, type StoredBot } from '@parley/bots';
import type { UseCaseDeps } from '../deps.js';

/** The NLU exports the builder imports. */
export type IntentImportFormat = 'rasa' | 'dialogflow';

/**
 * Imports another tool's NLU data into a bot's draft (a new draft version): a Rasa `nlu.yml`
 * (its phrases go to `lang`, default the bot's default language) or a Dialogflow ES agent ZIP
 * (languages from its files). Intents are merged: phrases added, nothing removed. Returns the
 * saved bot and a report of what was imported and skipped.
 *
 * @example
 * const { bot, report } = await importBotIntents(deps, principal, botId, { format: 'rasa', data: Buffer.from(yml), lang: 'fr' });
 */
export async function importBotIntents(
  deps: UseCaseDeps,
  principal: Principal,
  id: string,
  input: { format: IntentImportFormat; data: Uint8Array; lang?: string },
): Promise<{ bot: StoredBot; report: ImportReport }> {
  requirePermission(principal, 'channels:manage');
  const bots = deps.bots;
  if (!bots) throw new AppError('invalid_state', 'Bots are not enabled on this server');
  const repo = bots.repository(deps.store.read);
  const stored = await repo.get(principal.workspaceId, id);
  if (!stored) throw new AppError('not_found', `Bot ${id} does not exist`);
  const lang = input.lang ?? stored.definition.defaultLanguage;
  if (input.format === 'rasa' && !stored.definition.languages.includes(lang))
    throw new AppError('validation_failed', `The bot does not speak ${lang}`, { issues: [`lang: not one of ${stored.definition.languages.join(', ')}`] });
  const parsed = input.format === 'rasa' ? parseRasaNlu(new TextDecoder().decode(input.data), lang) : parseDialogflowAgent(input.data);
  if (!parsed.ok) throw new AppError('validation_failed', `Cannot import this file: ${parsed.error}`, { issues: [parsed.error] });
  const { definition, report } = mergeImportedIntents(stored.definition, parsed.intents, parsed.entities, parsed.skipped);
  const valid = parseBotDefinition(definition);
  if (!valid.ok) throw new AppError('validation_failed', 'The merged definition is invalid', { issues: valid.issues });
  const saved = await deps.store.transaction((tx) =>
    bots.repository(tx).saveDraft(principal.workspaceId, id, valid.definition, deps.clock.now(), principal.userId),
  );
  if (!saved) throw new AppError('not_found', `Bot ${id} does not exist`);
  return { bot: saved, report };
}
