import { getConversation, getCustomer, listConversations } from '@parley/use-cases';
import { requirePermission, type Conversation, type Principal, type Store } from '@parley/domain';
import { assessMoods, moodOf, type AssistAlert, type MessageMood } from './emotion-cues.js';
import { recentCustomerMessages } from './customer-messages.js';

/** One row of the supervisor wallboard. */
export interface WallboardRow {
  conversationId: string;
  customerId: string;
  customerName: string | null;
  status: Conversation['status'];
  agentId: string | null;
  /** Since when the customer waits for an answer (their last message, unanswered), or null. */
  waitingSince: string | null;
  lastMood: MessageMood | null;
  trend: { direction: 'improving' | 'worsening' | 'stable'; current: number } | null;
  alert: AssistAlert | null;
}

const TREND_WINDOW = 5;
const MAX_ROWS = 100;

/**
 * Live state of open and pending conversations for supervisors (`supervise`): handler, waiting
 * time, the last customer mood and any alert, alerts first then the longest wait. Moods are
 * recomputed from the messages (the lexicon is sub-millisecond), so the board agrees with the
 * live `assist.alert` events without a second store.
 *
 * @example
 * const rows = await wallboard(store, principal);
 */
export async function wallboard(store: Store, principal: Principal): Promise<WallboardRow[]> {
  requirePermission(principal, 'supervise');
  const conversations = [
    ...(await listConversations(store, principal, { status: 'open' }, null, MAX_ROWS)).items,
    ...(await listConversations(store, principal, { status: 'pending' }, null, MAX_ROWS)).items,
  ];
  const rows = await Promise.all(conversations.map((c) => row(store, principal, c)));
  return rows.sort((a, b) => Number(Boolean(b.alert)) - Number(Boolean(a.alert)) || (a.waitingSince ?? '~').localeCompare(b.waitingSince ?? '~'));
}

async function row(store: Store, principal: Principal, c: Conversation): Promise<WallboardRow> {
  const messages = await recentCustomerMessages(store, principal.workspaceId, c.id, TREND_WINDOW);
  const moods = messages.map(moodOf);
  const { trend, alert } = assessMoods(moods);
  const last = messages.at(-1);
  // Unanswered when the customer's message is the conversation's last one.
  const waiting = last && last.seq === c.lastSeq ? last.createdAt.toISOString() : null;
  const customer = await getCustomer(store, principal, c.customerId).catch(() => null);
  return {
    conversationId: c.id,
    customerId: c.customerId,
    customerName: customer?.displayName ?? null,
    status: c.status,
    agentId: c.handler.kind === 'agent' ? c.handler.id : null,
    waitingSince: waiting,
    lastMood: moods.at(-1) ?? null,
    trend: moods.length > 0 ? { direction: trend.direction, current: trend.current } : null,
    alert,
  };
}

/**
 * Moods of a conversation's recent customer messages, its trend and current alert (the agent
 * view's emotion cues on load; live updates come from `assist:analyzed`).
 *
 * @example
 * const { items, alert } = await conversationMoods(store, principal, conversationId);
 */
export async function conversationMoods(
  store: Store,
  principal: Principal,
  conversationId: string,
): Promise<{ items: MessageMood[]; trend: WallboardRow['trend']; alert: AssistAlert | null }> {
  const conversation = await getConversation(store, principal, conversationId);
  const messages = await recentCustomerMessages(store, principal.workspaceId, conversation.id, 20);
  const items = messages.map(moodOf);
  const { trend, alert } = assessMoods(items.slice(-TREND_WINDOW));
  return { items, trend: items.length > 0 ? { direction: trend.direction, current: trend.current } : null, alert };
}
