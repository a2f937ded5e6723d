import { AppError, newId } from '@parley/kernel';
import { actorOf, requirePermission, type Principal, type TransactionScope } from '@parley/domain';
import { parseBotDefinition, type BotActivity, type BotDefinition, type BotVersion, type BotVersionSummary, type StoredBot } from '@parley/bots';
import type { UseCaseDeps } from '../deps.js';
import type { BotServices } from './bot-deps.js';
import { FALLBACK_OUTCOMES } from './bot-turn.job.js';
import { OTP_CHANNEL_TYPES } from './send-otp.job.js';

// Bot administration: list, import/create, save a new draft version, publish, export, attach to
// a channel. Reading bots needs channels:read-like access; changing them is channel management.

function servicesOf(deps: UseCaseDeps): BotServices {
  if (!deps.bots) throw new AppError('invalid_state', 'Bots are not enabled on this server');
  return deps.bots;
}

function parsed(definition: unknown) {
  const result = parseBotDefinition(definition);
  if (!result.ok) throw new AppError('validation_failed', 'Invalid bot definition', { issues: result.issues });
  return result.definition;
}

/**
 * The workspace's bots.
 *
 * @example
 * const bots = await listBots(deps, principal);
 */
export async function listBots(deps: UseCaseDeps, principal: Principal): Promise<StoredBot[]> {
  return servicesOf(deps).repository(deps.store.read).list(principal.workspaceId);
}

/** One bot, or `bot_not_found`-like `not_found`. */
export async function getBot(deps: UseCaseDeps, principal: Principal, id: string): Promise<StoredBot> {
  const bot = await servicesOf(deps).repository(deps.store.read).get(principal.workspaceId, id);
  if (!bot) throw new AppError('not_found', `Bot ${id} does not exist`);
  return bot;
}

/**
 * Creates a bot from a definition (an import), optionally published at once.
 *
 * @example
 * const bot = await createBot(deps, principal, JSON.parse(exported), { publish: true });
 */
export async function createBot(deps: UseCaseDeps, principal: Principal, definition: unknown, options: { publish?: boolean } = {}): Promise<StoredBot> {
  requirePermission(principal, 'channels:manage');
  const valid = parsed(definition);
  const services = servicesOf(deps);
  return deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const repo = services.repository(tx);
    if (options.publish) await checkWorkspaceReferences(tx, principal.workspaceId, valid);
    let bot = await repo.create({ id: newId(now.getTime()), workspaceId: principal.workspaceId, definition: valid, now, authorId: principal.userId });
    if (options.publish) bot = (await repo.publish(principal.workspaceId, bot.id, now, principal.userId)) ?? bot;
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'bot.created',
      payload: { botId: bot.id, name: bot.name },
      actor: actorOf(principal),
      occurredAt: now,
    });
    return bot;
  });
}

/** Saves a new draft version; conversations keep the published one until `publishBot`. */
export async function updateBot(deps: UseCaseDeps, principal: Principal, id: string, definition: unknown): Promise<StoredBot> {
  requirePermission(principal, 'channels:manage');
  const valid = parsed(definition);
  const services = servicesOf(deps);
  return deps.store.transaction(async (tx) => {
    const saved = await services.repository(tx).saveDraft(principal.workspaceId, id, valid, deps.clock.now(), principal.userId);
    if (!saved) throw new AppError('not_found', `Bot ${id} does not exist`);
    return saved;
  });
}

/**
 * The saved versions of a bot, newest first, with who saved and published them.
 *
 * @example
 * const versions = await listBotVersions(deps, principal, botId); // [{ version: 3, savedBy: { name: 'Admin' }, ... }]
 */
export async function listBotVersions(deps: UseCaseDeps, principal: Principal, id: string): Promise<BotVersionSummary[]> {
  const repo = servicesOf(deps).repository(deps.store.read);
  if (!(await repo.get(principal.workspaceId, id))) throw new AppError('not_found', `Bot ${id} does not exist`);
  return repo.listVersions(principal.workspaceId, id, 200);
}

/** One saved version of a bot, with its definition. */
export async function getBotVersion(deps: UseCaseDeps, principal: Principal, id: string, version: number): Promise<BotVersion> {
  const found = await servicesOf(deps).repository(deps.store.read).getVersion(principal.workspaceId, id, version);
  if (!found) throw new AppError('not_found', `Bot ${id} has no version ${version}`);
  return found;
}

/**
 * Restores an old version into the draft: its definition is saved as a new draft version (the
 * history keeps everything in between). Publishing stays a separate step.
 *
 * @example
 * const bot = await restoreBotVersion(deps, principal, botId, 2); // bot.version === previous + 1
 */
export async function restoreBotVersion(deps: UseCaseDeps, principal: Principal, id: string, version: number): Promise<StoredBot> {
  requirePermission(principal, 'channels:manage');
  const services = servicesOf(deps);
  return deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const repo = services.repository(tx);
    const old = await repo.getVersion(principal.workspaceId, id, version);
    if (!old) throw new AppError('not_found', `Bot ${id} has no version ${version}`);
    // Stored versions passed validation when saved; the schema may have grown defaults since.
    const saved = await repo.saveDraft(principal.workspaceId, id, parsed(old.definition), now, principal.userId);
    if (!saved) throw new AppError('not_found', `Bot ${id} does not exist`);
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'bot.version_restored',
      payload: { botId: id, restored: version, version: saved.version },
      actor: actorOf(principal),
      occurredAt: now,
    });
    return saved;
  });
}

/**
 * What the definition names in the workspace must exist before conversations run it: an `otp`
 * step's `channelId` must be a channel able to carry its code (SMS or email).
 */
async function checkWorkspaceReferences(tx: TransactionScope, workspaceId: string, definition: BotDefinition): Promise<void> {
  const issues: string[] = [];
  for (const scenario of definition.scenarios)
    for (const step of scenario.steps) {
      if (step.type !== 'otp' || !step.channelId) continue;
      const channel = await tx.channels.get(workspaceId, step.channelId);
      if (!channel || !step.via.some((via) => OTP_CHANNEL_TYPES[via].includes(channel.type)))
        issues.push(`scenarios.${scenario.id}.${step.id}: channel ${step.channelId} is not an ${step.via.join(' or ')} channel of this workspace`);
    }
  if (issues.length > 0) throw new AppError('validation_failed', 'Invalid bot definition', { issues });
}

/** Publishes the current draft. */
export async function publishBot(deps: UseCaseDeps, principal: Principal, id: string): Promise<StoredBot> {
  requirePermission(principal, 'channels:manage');
  return deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const draft = await servicesOf(deps).repository(tx).get(principal.workspaceId, id);
    if (!draft) throw new AppError('not_found', `Bot ${id} does not exist`);
    // A draft saved before a check existed (a loop, say) is checked again before it runs.
    parsed(draft.definition);
    await checkWorkspaceReferences(tx, principal.workspaceId, draft.definition);
    const bot = await servicesOf(deps).repository(tx).publish(principal.workspaceId, id, now, principal.userId);
    if (!bot) throw new AppError('not_found', `Bot ${id} does not exist`);
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'bot.published',
      payload: { botId: id, version: bot.publishedVersion },
      actor: actorOf(principal),
      occurredAt: now,
    });
    return bot;
  });
}

/** Attaches a bot to a channel (null detaches): new conversations there go to the bot first. */
export async function attachBotToChannel(deps: UseCaseDeps, principal: Principal, channelId: string, botId: string | null): Promise<void> {
  requirePermission(principal, 'channels:manage');
  const services = servicesOf(deps);
  if (botId !== null && !(await services.repository(deps.store.read).get(principal.workspaceId, botId)))
    throw new AppError('not_found', `Bot ${botId} does not exist`);
  await deps.store.transaction(async (tx) => {
    if (!(await services.repository(tx).attachToChannel(principal.workspaceId, channelId, botId)))
      throw new AppError('channel_not_found', `Channel ${channelId} does not exist`);
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'channel.bot_changed',
      payload: { channelId, botId },
      actor: actorOf(principal),
      occurredAt: deps.clock.now(),
    });
  });
}

/**
 * Sets or removes bot secrets (a null value removes one); the others are kept. Values are sealed
 * like channel secrets and are never returned: only the names are. Returns the names.
 *
 * @example
 * await setBotSecrets(deps, principal, botId, { BACKOFFICE_TOKEN: 'tok_…', OLD_KEY: null });
 */
export async function setBotSecrets(deps: UseCaseDeps, principal: Principal, id: string, changes: Record<string, string | null>): Promise<string[]> {
  requirePermission(principal, 'channels:manage');
  const services = servicesOf(deps);
  return deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const repo = services.repository(tx);
    if (!(await repo.get(principal.workspaceId, id))) throw new AppError('not_found', `Bot ${id} does not exist`);
    const sealed = await repo.getSealedSecrets(principal.workspaceId, id);
    const current = sealed ? deps.secrets.open(sealed) : {};
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) delete current[name];
      else current[name] = value;
    }
    const names = Object.keys(current).sort();
    await repo.setSecrets(principal.workspaceId, id, names.length > 0 ? deps.secrets.seal(current) : null, names, now);
    const payload = { botId: id, changed: Object.keys(changes).sort() };
    await tx.events.record({ workspaceId: principal.workspaceId, type: 'bot.secrets_changed', payload, actor: actorOf(principal), occurredAt: now });
    return names;
  });
}

/** A bot's containment and fallback figures (rates in [0, 1], null before any conversation/turn). */
export interface BotStats extends BotActivity {
  botId: string;
  /** Turns where the policy fell back (knowledge base, top choices, rephrase, offer a human). */
  fallbackTurns: number;
  containmentRate: number | null;
  handoffRate: number | null;
  fallbackRate: number | null;
}

/**
 * Containment (conversations ended without a handoff / conversations handled), handoff and
 * fallback rates of a bot, from its `bot.turn`, `bot.handoff` and `bot.ended` events.
 *
 * @example
 * const { containmentRate, fallbackRate } = await getBotStats(deps, principal, botId);
 */
export async function getBotStats(deps: UseCaseDeps, principal: Principal, id: string): Promise<BotStats> {
  const repo = servicesOf(deps).repository(deps.store.read);
  if (!(await repo.get(principal.workspaceId, id))) throw new AppError('not_found', `Bot ${id} does not exist`);
  const activity = await repo.activity(principal.workspaceId, id);
  const fallbackTurns = FALLBACK_OUTCOMES.reduce((sum, o) => sum + (activity.outcomes[o] ?? 0), 0);
  const rate = (n: number, of: number) => (of > 0 ? n / of : null);
  return {
    botId: id,
    ...activity,
    fallbackTurns,
    containmentRate: rate(activity.contained, activity.conversations),
    handoffRate: rate(activity.handedOff, activity.conversations),
    fallbackRate: rate(fallbackTurns, activity.turns),
  };
}
