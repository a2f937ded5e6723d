import type { Message, Store } from '@parley/domain';

const PAGE = 200;
const MAX_PAGES = 10;

/**
 * One scan of a conversation for the assistant: its last `count` public customer messages,
 * oldest first, and whether an agent has already written to the customer (the persona greets
 * only in the first reply). Messages page forward in sequence order, so this walks the pages (a
 * conversation rarely has more than one). The caller has checked access to the conversation.
 *
 * @example
 * const { customer, agentReplied } = await scanConversation(store, workspaceId, conversationId, 3);
 */
export async function scanConversation(
  store: Store,
  workspaceId: string,
  conversationId: string,
  count: number,
): Promise<{ customer: Message[]; agentReplied: boolean }> {
  const kept: Message[] = [];
  let agentReplied = false;
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await store.read.conversations.listMessages(workspaceId, conversationId, cursor, PAGE);
    for (const m of page.items) {
      if (m.visibility !== 'public') continue;
      if (m.author.kind === 'customer' && m.text.trim() !== '') kept.push(m);
      else if (m.author.kind === 'agent') agentReplied = true;
    }
    if (kept.length > count) kept.splice(0, kept.length - count);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { customer: kept, agentReplied };
}

/**
 * The last `count` public customer messages of a conversation, oldest first.
 *
 * @example
 * const latest = await recentCustomerMessages(store, workspaceId, conversationId, 3);
 */
export async function recentCustomerMessages(store: Store, workspaceId: string, conversationId: string, count: number): Promise<Message[]> {
  return (await scanConversation(store, workspaceId, conversationId, count)).customer;
}
