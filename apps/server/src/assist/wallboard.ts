import { getConversation, getCustomer, listConversations, supervisionBoard, type AgentBoard, type QueueBoard, type UseCaseDeps } from '@parley/use-cases';
import { requirePermission, type Conversation, type LatestEvent, type Principal, type Store } from '@parley/domain';
import { assessMoods, moodOf, type AssistAlert, type MessageMood } from './emotion-cues.js';
import { recentCustomerMessages } from './customer-messages.js';
import { HELP_REQUESTED } from './supervision.js';
import { BUILT_IN_ONLY, type SentimentModelLookup, type WorkspaceSentimentModels } from './sentiment-models.js';

/** Why the struggle rule flagged a conversation: all three together raise it. */
export interface StruggleAlert {
  /** The customer's mood is negative or worsening. */
  mood: 'negative' | 'worsening';
  /** Seconds the current advisor has handled it, over the queue's expected handle time. */
  handlingSec: number;
  /** The customer waits past half the queue's response target, or the first response was already late. */
  slaRisk: 'waiting' | 'escalated';
}

/** One row of the supervisor wallboard. */
export interface WallboardRow {
  conversationId: string;
  customerId: string;
  customerName: string | null;
  status: Conversation['status'];
  agentId: string | null;
  queueId: string | null;
  /** Since when the customer waits for an answer (their last message, unanswered), or null. */
  waitingSince: string | null;
  /** When the current advisor's assignment started, or null outside routing. */
  handlingSince: string | null;
  lastMood: MessageMood | null;
  trend: { direction: 'improving' | 'worsening' | 'stable'; current: number } | null;
  alert: AssistAlert | null;
  /** The advisor's standing "help" request (until the conversation is taken over or reassigned). */
  help: { requestedAt: string; agentId: string | null; note: string | null } | null;
  struggle: StruggleAlert | null;
}

/** An advisor on the wallboard: routing figures plus the mood of their open conversations. */
export interface WallboardAgent extends AgentBoard {
  conversations: number;
  /** Share of their open conversations whose last customer mood is negative; null without any. */
  negativeShare: number | null;
}

export interface Wallboard {
  items: WallboardRow[];
  queues: QueueBoard[];
  agents: WallboardAgent[];
}

const TREND_WINDOW = 5;
const MAX_ROWS = 100;
/** Without a next-response target, a customer unanswered this long puts the SLA at risk. */
const DEFAULT_RESPONSE_SEC = 300;

/**
 * Live state for supervisors (`supervise`): each open and pending conversation with its handler,
 * waiting and handling times, last customer mood and alerts (help requests, then the struggle
 * rule, then emotion alerts, then the longest wait); per queue and per advisor figures from
 * routing. Moods are recomputed from the messages (the lexicon is sub-millisecond), so the board
 * agrees with the live `assist.alert` events without a second store.
 *
 * @example
 * const { items, queues, agents } = await wallboard(deps, principal);
 */
export async function wallboard(deps: UseCaseDeps, principal: Principal, sentiment?: WorkspaceSentimentModels): Promise<Wallboard> {
  requirePermission(principal, 'supervise');
  const models = sentiment ? await sentiment.lookup(principal.workspaceId) : BUILT_IN_ONLY;
  const { store } = deps;
  const conversations = [
    ...(await listConversations(store, principal, { status: 'open' }, null, MAX_ROWS)).items,
    ...(await listConversations(store, principal, { status: 'pending' }, null, MAX_ROWS)).items,
  ];
  const board = deps.routing ? await supervisionBoard(deps, principal) : { queues: [], agents: [], conversations: [] };
  const routed = new Map(board.conversations.map((c) => [c.conversationId, c]));
  const queues = new Map(board.queues.map((q) => [q.queueId, q]));
  const events = await store.read.events.latestOfTypes(
    principal.workspaceId,
    conversations.map((c) => c.id),
    [HELP_REQUESTED, 'conversation.transferred'],
  );
  const now = deps.clock.now();
  const rows = await Promise.all(
    conversations.map(async (c) => {
      const r = routed.get(c.id);
      const base = await row(store, principal, c, models);
      const handlingSince = r?.handlingSince ?? null;
      const queue = r?.queueId ? queues.get(r.queueId) : undefined;
      return {
        ...base,
        queueId: r?.queueId ?? null,
        handlingSince: handlingSince?.toISOString() ?? null,
        help: standingHelp(c, events),
        struggle: struggleOf(base, handlingSince, r?.escalated ?? false, queue, now),
      };
    }),
  );
  const rank = (r: WallboardRow) => (r.help ? 3 : r.struggle ? 2 : r.alert ? 1 : 0);
  rows.sort((a, b) => rank(b) - rank(a) || (a.waitingSince ?? '~').localeCompare(b.waitingSince ?? '~'));
  const agents = board.agents.map((a): WallboardAgent => {
    const mine = rows.filter((r) => r.agentId === a.agentId);
    const rated = mine.filter((r) => r.lastMood);
    const negative = rated.filter((r) => r.lastMood?.label === 'negative').length;
    return { ...a, conversations: mine.length, negativeShare: rated.length > 0 ? negative / rated.length : null };
  });
  return { items: rows, queues: board.queues, agents };
}

/** A help request stands while its advisor still handles the conversation and nobody moved it since. */
function standingHelp(c: Conversation, events: LatestEvent[]): WallboardRow['help'] {
  const help = events.find((e) => e.conversationId === c.id && e.type === HELP_REQUESTED);
  if (!help) return null;
  const moved = events.find((e) => e.conversationId === c.id && e.type === 'conversation.transferred');
  if (moved && moved.occurredAt >= help.occurredAt) return null;
  const agentId = typeof help.payload.agentId === 'string' ? help.payload.agentId : null;
  if (c.handler.kind !== 'agent' || c.handler.id !== agentId) return null;
  return { requestedAt: help.occurredAt.toISOString(), agentId, note: typeof help.payload.note === 'string' ? help.payload.note : null };
}

/**
 * The struggle rule: a negative or worsening mood, an advisor handling it for longer than the
 * queue's expected handle time, and the SLA at risk (the customer waits past half the response
 * target, or the first response was already late). Any one alone is ordinary; together they ask
 * a supervisor to look.
 *
 * @example
 * struggleOf(row, assignmentStart, item.escalated, queueBoard, now); // { mood: 'worsening', handlingSec: 900, slaRisk: 'waiting' }
 */
export function struggleOf(
  row: Pick<WallboardRow, 'lastMood' | 'trend' | 'waitingSince' | 'agentId'>,
  handlingSince: Date | null,
  escalated: boolean,
  queue: QueueBoard | undefined,
  now: Date,
): StruggleAlert | null {
  if (!row.agentId || !handlingSince || !queue) return null;
  const mood = row.trend?.direction === 'worsening' ? 'worsening' : row.lastMood?.label === 'negative' ? 'negative' : null;
  if (!mood) return null;
  const handlingSec = Math.round((now.getTime() - handlingSince.getTime()) / 1000);
  if (handlingSec <= queue.averageHandleSec) return null;
  const target = queue.nextResponseSec ?? queue.serviceLevel.targetSec ?? DEFAULT_RESPONSE_SEC;
  const waitedSec = row.waitingSince ? (now.getTime() - Date.parse(row.waitingSince)) / 1000 : 0;
  const slaRisk = row.waitingSince && waitedSec >= target / 2 ? 'waiting' : escalated ? 'escalated' : null;
  if (!slaRisk) return null;
  return { mood, handlingSec, slaRisk };
}

async function row(
  store: Store,
  principal: Principal,
  c: Conversation,
  models: SentimentModelLookup,
): Promise<Omit<WallboardRow, 'queueId' | 'handlingSince' | 'help' | 'struggle'>> {
  const messages = await recentCustomerMessages(store, principal.workspaceId, c.id, TREND_WINDOW);
  const moods = messages.map((m) => moodOf(m, models));
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
 * view's emotion cues on load; live updates come from `assist:analyzed`). `sentiment`: the
 * workspace's trained sentiment models (the built-in lexicon without).
 *
 * @example
 * const { items, alert } = await conversationMoods(store, principal, conversationId);
 */
export async function conversationMoods(
  store: Store,
  principal: Principal,
  conversationId: string,
  sentiment?: WorkspaceSentimentModels,
): Promise<{ items: MessageMood[]; trend: WallboardRow['trend']; alert: AssistAlert | null }> {
  const conversation = await getConversation(store, principal, conversationId);
  const models = sentiment ? await sentiment.lookup(principal.workspaceId) : BUILT_IN_ONLY;
  const messages = await recentCustomerMessages(store, principal.workspaceId, conversation.id, 20);
  const items = messages.map((m) => moodOf(m, models));
  const { trend, alert } = assessMoods(items.slice(-TREND_WINDOW));
  return { items, trend: items.length > 0 ? { direction: trend.direction, current: trend.current } : null, alert };
}
