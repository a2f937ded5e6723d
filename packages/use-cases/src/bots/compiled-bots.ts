import { compileBot, parseBotDefinition, type CompiledBot, type StoredBot } from '@parley/bots';

// Training takes a fraction of a second, but a busy bot answers many turns: keep the models of
// the versions in use. Bounded, oldest first out, so edited bots do not leak memory.
const cache = new Map<string, CompiledBot>();
const LIMIT = 32;

/**
 * The compiled published definition of a bot (the draft when it was never published).
 *
 * @example
 * const compiled = compiledBotOf(bot);
 */
export function compiledBotOf(bot: StoredBot): CompiledBot | null {
  const version = bot.publishedVersion ?? bot.version;
  const key = `${bot.id}:${version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const parsed = parseBotDefinition(bot.publishedDefinition ?? bot.definition);
  if (!parsed.ok) return null;
  const compiled = compileBot(parsed.definition);
  cache.set(key, compiled);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value as string);
  return compiled;
}

/**
 * The compiled draft of a bot (what the builder's test console runs), or null when it is invalid.
 *
 * @example
 * const draft = compiledDraftOf(bot);
 */
export function compiledDraftOf(bot: StoredBot): CompiledBot | null {
  const key = `${bot.id}:draft:${bot.version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const parsed = parseBotDefinition(bot.definition);
  if (!parsed.ok) return null;
  const compiled = compileBot(parsed.definition);
  cache.set(key, compiled);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value as string);
  return compiled;
}
