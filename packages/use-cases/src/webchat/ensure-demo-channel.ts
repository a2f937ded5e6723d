import { newId } from '@parley/kernel';
import type { UseCaseDeps } from '../deps.js';

const DEMO_SCOPE = 'bootstrap';
const DEMO_KEY = 'demo-webchat-channel';

/** The demo brand's web chat: what `/demo` embeds. */
export const DEMO_WEBCHAT = {
  name: 'Web chat (démo)',
  config: {
    brandName: 'Maison Lumière',
    primaryColor: '#b45309',
    greeting: { fr: 'Bonjour ! Une question sur nos lampes ou votre commande ?', en: 'Hello! A question about our lamps or your order?' },
    defaultLocale: 'fr',
    prechat: { enabled: false, requireEmail: false },
    rules: {},
  },
} as const;

/**
 * Creates the demo web chat channel once per workspace (first start) and returns its id.
 * Several processes starting together agree on one channel: the marker row's unique key
 * makes the loser's transaction fail, and it reads the winner's.
 *
 * @example
 * const demoChannelId = config.demo ? await ensureDemoWebchatChannel(useCases, workspaceId) : null;
 */
export async function ensureDemoWebchatChannel(deps: UseCaseDeps, workspaceId: string): Promise<string> {
  const existing = await deps.store.read.idempotency.find(workspaceId, DEMO_SCOPE, DEMO_KEY);
  if (existing) return (existing.response as { channelId: string }).channelId;
  const adapter = deps.channels.get('webchat');
  const parsed = await adapter.parseConfig(DEMO_WEBCHAT.config);
  if (!parsed.ok) throw new Error(`demo web chat config: ${parsed.message}`);
  const sealed = deps.secrets.seal(adapter.createSecrets());
  try {
    return await deps.store.transaction(async (tx) => {
      const channel = await tx.channels.create({
        id: newId(),
        workspaceId,
        type: 'webchat',
        name: DEMO_WEBCHAT.name,
        config: parsed.config,
        sealedSecrets: sealed,
        botId: null,
      });
      await tx.idempotency.save(workspaceId, DEMO_SCOPE, DEMO_KEY, DEMO_KEY, { channelId: channel.id });
      await tx.events.record({
        workspaceId,
        type: 'channel.created',
        payload: { channelId: channel.id, type: 'webchat', demo: true },
        actor: { kind: 'system', id: null },
      });
      return channel.id;
    });
  } catch (error) {
    const raced = await deps.store.read.idempotency.find(workspaceId, DEMO_SCOPE, DEMO_KEY);
    if (raced) return (raced.response as { channelId: string }).channelId;
    throw error;
  }
}
