import type { Message, Store } from '@parley/domain';

const PAGE = 200;
const MAX_PAGES = 10;

/**
 * The last `count` public customer messages of a conversation, oldest first. Messages page
 * forward in sequence order, so this walks the pages (a conversation rarely has more than one).
 * The caller has checked access to the conversation.
 *
 * @example
 * const latest = await recentCustomerMessages(store, workspaceId, conversationId, 3);
 */
export async function recentCustomerMessages(store: Store, workspaceId: string, conversationId: string, count: number): Promise<Message[]> {
  const kept: Message[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await store.read.conversations.listMessages(workspaceId, conversationId, cursor, PAGE);
    for (const m of page.items) if (m.author.kind === 'customer' && m.visibility === 'public' && m.text.trim() !== '') kept.push(m);
    if (kept.length > count) kept.splice(0, kept.length - count);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return kept;
}
