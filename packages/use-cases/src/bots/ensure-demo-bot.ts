import { newId } from '@parley/kernel';
import { LUMI_BOT, parseBotDefinition } from '@parley/bots';
import type { UseCaseDeps } from '../deps.js';

const DEMO_SCOPE = 'bootstrap';
const DEMO_KEY = 'demo-bot-lumi';

/**
 * Creates the demo bot Lumi (published) once per workspace and attaches it to the demo web chat
 * channel. Like the demo channel, a marker row makes concurrent first starts agree.
 *
 * @example
 * if (demoChannelId) await ensureDemoBot(useCases, workspaceId, demoChannelId);
 */
export async function ensureDemoBot(deps: UseCaseDeps, workspaceId: string, channelId: string): Promise<string | null> {
  const bots = deps.bots;
  if (!bots) return null;
  const existing = await deps.store.read.idempotency.find(workspaceId, DEMO_SCOPE, DEMO_KEY);
  if (existing) return (existing.response as { botId: string }).botId;
  const parsed = parseBotDefinition(LUMI_BOT);
  if (!parsed.ok) throw new Error(`demo bot: ${parsed.issues.join('; ')}`);
  try {
    return await deps.store.transaction(async (tx) => {
      const now = deps.clock.now();
      const repo = bots.repository(tx);
      const bot = await repo.create({ id: newId(now.getTime()), workspaceId, definition: parsed.definition, now });
      await repo.publish(workspaceId, bot.id, now);
      await repo.attachToChannel(workspaceId, channelId, bot.id);
      await tx.idempotency.save(workspaceId, DEMO_SCOPE, DEMO_KEY, DEMO_KEY, { botId: bot.id });
      return bot.id;
    });
  } catch (error) {
    const raced = await deps.store.read.idempotency.find(workspaceId, DEMO_SCOPE, DEMO_KEY);
    if (raced) return (raced.response as { botId: string }).botId;
    throw error;
  }
}
