import type { Store } from '@parley/domain';

const TTL_MS = 60_000;

/**
 * Display names of message authors for the widget (agents by their user name, bots as "Bot").
 * A short cache: a busy conversation shows the same few agents over and over.
 */
export function authorNames(
  store: Store,
): (authors: Array<{ kind: string; id: string | null }>) => Promise<(author: { kind: string; id: string | null }) => string | null> {
  const cache = new Map<string, { name: string; at: number }>();
  const nameOf = async (userId: string): Promise<string> => {
    const hit = cache.get(userId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.name;
    const name = (await store.read.access.getUser(userId))?.name ?? 'Agent';
    cache.set(userId, { name, at: Date.now() });
    return name;
  };
  return async (authors) => {
    const resolved = new Map<string, string>();
    for (const a of authors) if (a.kind === 'agent' && a.id && !resolved.has(a.id)) resolved.set(a.id, await nameOf(a.id));
    return (author) => {
      if (author.kind === 'agent') return (author.id && resolved.get(author.id)) || 'Agent';
      if (author.kind === 'bot') return 'Bot';
      return null;
    };
  };
}
