// The routing model: plain data, no behaviour. The core (route.ts) decides on these; the stores
// (memory, PostgreSQL) persist them. Dates are Date objects; durations are seconds.

/** How a conversation occupies an advisor: one call at a time, a few chats, more asynchronous threads. */
export type ChannelKind = 'voice' | 'chat' | 'async';
export const CHANNEL_KINDS: readonly ChannelKind[] = ['voice', 'chat', 'async'];

export type Presence = 'online' | 'busy' | 'away' | 'offline';
export const PRESENCES: readonly Presence[] = ['online', 'busy', 'away', 'offline'];

/** push: the engine offers or assigns; pull: advisors take from the queue; manual: a supervisor assigns. */
export type RoutingMode = 'push' | 'pull' | 'manual';
export type AfterHoursAction = 'bot' | 'leave_message' | 'callback';
export type Emotion = 'angry' | 'negative' | 'neutral' | 'positive';

/** A skill a queue requires, with the lowest proficiency (0–5) that qualifies. */
export interface SkillRequirement {
  skill: string;
  minLevel: number;
}

/** One opening window on a weekday (0 = Sunday), local "HH:MM" times; close may be "24:00". */
export interface WeeklyWindow {
  day: number;
  open: string;
  close: string;
}

/** Opening hours in the queue's time zone; holidays are local dates "YYYY-MM-DD". */
export interface BusinessHours {
  timeZone: string;
  windows: WeeklyWindow[];
  holidays: string[];
}

export interface PriorityRules {
  /** Customer attribute that marks a VIP (truthy value), e.g. "vip" or "tier". */
  vipAttribute: string | null;
  vipBoost: number;
  botHandoffBoost: number;
  /** Boost for an angry customer; 0 turns "angry goes first" off for the queue. */
  angryBoost: number;
  /** Boost once the first-response SLA is breached (escalation). */
  escalationBoost: number;
  /** Points per fraction of the first-response target already waited (time against the SLA). */
  slaWeight: number;
}

export interface QueueSla {
  firstResponseSec: number | null;
  nextResponseSec: number | null;
  /** Queue to move a conversation to when its first-response SLA is breached while waiting. */
  escalationQueueId: string | null;
}

export interface RoutingQueue {
  id: string;
  workspaceId: string;
  name: string;
  /** Channels whose new conversations enter this queue. */
  channelIds: string[];
  /** The queue for conversations whose channel no queue lists. */
  isDefault: boolean;
  requiredSkills: SkillRequirement[];
  /** Languages served (BCP 47 primary tags); empty means any. */
  languages: string[];
  mode: RoutingMode;
  /** Push mode: seconds an advisor has to accept an offer; null assigns directly. */
  offerTimeoutSec: number | null;
  /** Base priority of the queue's conversations. */
  priority: number;
  priorityRules: PriorityRules;
  sla: QueueSla;
  /** null: always open. */
  businessHours: BusinessHours | null;
  afterHours: AfterHoursAction;
  overflow: { afterSec: number; queueId: string } | null;
  /** How long to wait for a busy preferred advisor before anyone else gets the conversation. */
  preferredAgentWaitSec: number;
  /** Customer attribute naming the branch or team that should serve them (matched to advisor team ids). */
  teamAttribute: string | null;
  /** Average handle time used by the wait estimate until history says otherwise. */
  averageHandleSec: number;
}

export type ChannelCapacity = Record<ChannelKind, number> & { total: number };

/** What an administrator sets for an advisor. */
export interface AgentSettings {
  agentId: string;
  workspaceId: string;
  name: string;
  /** Proficiency 0–5 per skill. */
  skills: Record<string, number>;
  languages: string[];
  teamIds: string[];
  capacity: ChannelCapacity;
}

/** An advisor as the engine sees them: settings, presence and current load. */
export interface AgentProfile extends AgentSettings {
  presence: Presence;
  /** The "not ready" reason (break, training…) or "auto_away". */
  presenceReason: string | null;
  load: ChannelCapacity;
  lastActivityAt: Date | null;
  lastAssignedAt: Date | null;
}

export type ItemStatus = 'waiting' | 'offered' | 'assigned' | 'after_hours' | 'closed';

/** Facts about the conversation that routing uses, captured when it enters a queue. */
export interface ItemAttributes {
  language: string | null;
  vip: boolean;
  botHandoff: boolean;
  emotion: Emotion | null;
  /** The assigned advisor ("conseiller attitré") or the last advisor who helped. */
  preferredAgentId: string | null;
  preferredReason: 'assigned_advisor' | 'last_agent' | null;
  /** Branch or team id the customer belongs to (from the queue's teamAttribute). */
  team: string | null;
}

/** A conversation's place in routing: one row per conversation. */
export interface RoutingItem {
  conversationId: string;
  workspaceId: string;
  customerId: string;
  queueId: string | null;
  channelKind: ChannelKind;
  status: ItemStatus;
  /** When it started waiting in its current queue (overflow and the preferred-advisor wait count from here). */
  enqueuedAt: Date;
  /** When it first asked for an advisor (the waiting time shown and the SLA count from here). */
  requestedAt: Date;
  attributes: ItemAttributes;
  declinedAgentIds: string[];
  escalated: boolean;
  /** The advisor it is offered or assigned to. */
  agentId: string | null;
  offerExpiresAt: Date | null;
  firstResponseDueAt: Date | null;
  updatedAt: Date;
}

export type AssignmentStatus = 'offered' | 'active' | 'ended' | 'declined' | 'expired' | 'transferred';

export interface Assignment {
  id: string;
  workspaceId: string;
  conversationId: string;
  agentId: string;
  channelKind: ChannelKind;
  status: AssignmentStatus;
  createdAt: Date;
  acceptedAt: Date | null;
  endedAt: Date | null;
  expiresAt: Date | null;
  explanation: Explanation | null;
}

/** One reason behind a decision, structured for the UI and the timeline. */
export type ExplanationFactor =
  | { kind: 'skill'; skill: string; level: number; required: number }
  | { kind: 'language'; language: string }
  | { kind: 'load'; channelKind: ChannelKind; load: number; capacity: number }
  | { kind: 'waited'; seconds: number }
  | { kind: 'team'; team: string }
  | { kind: 'priority'; score: number; reasons: string[] }
  | {
      kind: 'preferred';
      agentId: string;
      name: string;
      outcome: 'chosen' | 'offline' | 'unavailable' | 'not_qualified' | 'timed_out' | 'waiting';
      reason: 'assigned_advisor' | 'last_agent' | null;
    }
  | { kind: 'declined'; agentIds: string[] }
  | { kind: 'no_agent'; online: number; qualified: number }
  | { kind: 'overflow'; fromQueueId: string; toQueueId: string; afterSec: number }
  | { kind: 'after_hours'; action: AfterHoursAction; nextOpenAt: string | null }
  | { kind: 'mode'; mode: RoutingMode }
  /** Which path decided when the workspace has an external routing hook. */
  | { kind: 'hook'; outcome: HookOutcome; agentId: string | null };

export interface Explanation {
  factors: ExplanationFactor[];
  text: { en: string; fr: string };
}

/** Everything route() may look at. */
export interface RoutingState {
  queues: readonly RoutingQueue[];
  agents: readonly AgentProfile[];
  items: readonly RoutingItem[];
}

/**
 * What the workspace's external routing hook answered for a conversation: an advisor it picked
 * (null: it left the choice to Parley), or why it gave no usable answer.
 */
export interface HookAnswer {
  agentId: string | null;
  failure: 'timeout' | 'error' | 'invalid' | 'ineligible' | null;
}

/** chosen: the hook's advisor got it; anything else: Parley's own choice, and why. */
export type HookOutcome = 'chosen' | 'no_choice' | NonNullable<HookAnswer['failure']>;

/** What happened; route() answers with decisions. */
export type RoutingEvent =
  /** `hook`: the external hook's answer, applied when its advisor is still eligible. */
  | { kind: 'conversation_waiting'; conversationId: string; hook?: HookAnswer }
  | { kind: 'agent_available'; agentId: string }
  /** Periodic re-evaluation: overflow, preferred-advisor fallback, opening hours. */
  | { kind: 'tick' };

export type RoutingDecision =
  | { kind: 'assign'; conversationId: string; agentId: string; explanation: Explanation }
  | { kind: 'offer'; conversationId: string; agentId: string; expiresAt: Date; explanation: Explanation }
  | {
      kind: 'wait';
      conversationId: string;
      reason: 'no_agent' | 'preferred_agent' | 'pull_mode' | 'manual_mode';
      retryAt: Date | null;
      explanation: Explanation;
    }
  | { kind: 'overflow'; conversationId: string; fromQueueId: string; toQueueId: string; explanation: Explanation }
  | { kind: 'after_hours'; conversationId: string; action: AfterHoursAction; nextOpenAt: Date | null; explanation: Explanation };

/** Defaults for a new queue: push with direct assignment, always open, no SLA. */
export function defaultQueue(input: Pick<RoutingQueue, 'id' | 'workspaceId' | 'name'> & Partial<RoutingQueue>): RoutingQueue {
  return {
    channelIds: [],
    isDefault: false,
    requiredSkills: [],
    languages: [],
    mode: 'push',
    offerTimeoutSec: null,
    priority: 0,
    // angryBoost is on by default so that the workspace's emotionPriority switch works without
    // touching every queue; a queue sets 0 to opt out.
    priorityRules: { vipAttribute: 'vip', vipBoost: 50, botHandoffBoost: 10, angryBoost: 30, escalationBoost: 30, slaWeight: 20 },
    sla: { firstResponseSec: null, nextResponseSec: null, escalationQueueId: null },
    businessHours: null,
    afterHours: 'leave_message',
    overflow: null,
    preferredAgentWaitSec: 60,
    teamAttribute: null,
    averageHandleSec: 300,
    ...input,
  };
}

/** The external routing hook of a workspace: asked to pick among the eligible advisors. */
export interface RoutingHook {
  url: string;
  /** Past this, Parley's own choice applies. */
  timeoutMs: number;
  /** The signing secret, sealed by the caller (opaque to routing). */
  sealedSecret: unknown;
}

/** Workspace-wide routing options. */
export interface RoutingSettings {
  workspaceId: string;
  /**
   * Assist's per-message emotion analysis sets the emotion of waiting conversations, so an angry
   * customer goes first (each queue's `angryBoost`, 30 by default; 0 opts a queue out).
   */
  emotionPriority: boolean;
  hook: RoutingHook | null;
}

/** The settings of a workspace that never saved any: everything off. */
export function defaultRoutingSettings(workspaceId: string): RoutingSettings {
  return { workspaceId, emotionPriority: false, hook: null };
}

export const EMPTY_LOAD: ChannelCapacity = { voice: 0, chat: 0, async: 0, total: 0 };
export const DEFAULT_CAPACITY: ChannelCapacity = { voice: 1, chat: 3, async: 5, total: 5 };

/** An empty set of item attributes. */
export function noAttributes(patch: Partial<ItemAttributes> = {}): ItemAttributes {
  return { language: null, vip: false, botHandoff: false, emotion: null, preferredAgentId: null, preferredReason: null, team: null, ...patch };
}
