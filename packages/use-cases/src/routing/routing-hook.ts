import { signBody } from '@parley/kernel';
import { rankCandidates, route, type HookAnswer } from '@parley/routing';
import type { UseCaseDeps } from '../deps.js';

/** What the external routing hook is sent (JSON, signed like the API channel's webhooks). */
export interface RoutingHookRequest {
  type: 'routing.choose_agent';
  workspaceId: string;
  conversation: {
    id: string;
    customerId: string;
    queueId: string;
    channelKind: string;
    requestedAt: string;
    attributes: Record<string, unknown>;
  };
  queue: { id: string; name: string };
  /** Qualified advisors with room right now, in Parley's order. */
  eligibleAgents: Array<{ id: string; name: string; skills: Record<string, number>; languages: string[]; teamIds: string[]; load: number; capacity: number }>;
  /** What Parley would do without the hook. */
  parleyChoice: { agentId: string; explanation: { en: string; fr: string } };
}

/**
 * Asks the workspace's external routing hook which advisor should get a waiting conversation,
 * outside any transaction (the hook may take up to its timeout). Returns null when there is
 * nothing to ask: no hook, the conversation no longer waits, or Parley would not assign or offer
 * it now (no one eligible, after hours, pull mode…). Otherwise the answer, or why there is none
 * (timeout, HTTP or network error, unreadable answer, an advisor not among the eligible ones); the
 * engine then applies it, or Parley's own choice, and the explanation says which.
 *
 * The request is POSTed through the SSRF-guarded client with `X-Parley-Signature: sha256=<hex>`
 * (HMAC-SHA256 of the raw body with the hook's secret) and `X-Parley-Delivery`; the hook answers
 * `{ "agentId": "<id>" }`, or `{ "agentId": null }` to leave the choice to Parley.
 *
 * @example
 * const hook = await askRoutingHook(deps, workspaceId, conversationId, job.id);
 * await store.transaction((tx) => dispatchConversation(routingOf(deps, tx), workspaceId, conversationId, now, hook ? { hook } : {}));
 */
export async function askRoutingHook(deps: UseCaseDeps, workspaceId: string, conversationId: string, deliveryId: string): Promise<HookAnswer | null> {
  if (!deps.routing || !deps.routingHookHttp) return null;
  const routing = deps.routing(deps.store.read);
  const { hook } = await routing.getSettings(workspaceId);
  if (!hook) return null;
  const [item, queues, agents] = await Promise.all([
    routing.getItem(workspaceId, conversationId),
    routing.listQueues(workspaceId),
    routing.listAgents(workspaceId),
  ]);
  const queue = item?.queueId ? queues.find((q) => q.id === item.queueId) : undefined;
  if (!item || item.status !== 'waiting' || !queue) return null;
  const [decision] = route({ queues, agents, items: [item] }, { kind: 'conversation_waiting', conversationId }, deps.clock.now());
  if (!decision || (decision.kind !== 'assign' && decision.kind !== 'offer')) return null;
  const eligible = rankCandidates(agents, item, queue).map(({ agent }) => agent);
  const request: RoutingHookRequest = {
    type: 'routing.choose_agent',
    workspaceId,
    conversation: {
      id: item.conversationId,
      customerId: item.customerId,
      queueId: queue.id,
      channelKind: item.channelKind,
      requestedAt: item.requestedAt.toISOString(),
      attributes: { ...item.attributes },
    },
    queue: { id: queue.id, name: queue.name },
    eligibleAgents: eligible.map((a) => ({
      id: a.agentId,
      name: a.name,
      skills: a.skills,
      languages: a.languages,
      teamIds: a.teamIds,
      load: a.load.total,
      capacity: a.capacity.total,
    })),
    parleyChoice: { agentId: decision.agentId, explanation: decision.explanation.text },
  };
  let secret: string | undefined;
  try {
    secret = deps.secrets.open(hook.sealedSecret).secret;
  } catch {
    secret = undefined;
  }
  if (!secret) return { agentId: null, failure: 'error' };
  const body = JSON.stringify(request);
  const response = await deps.routingHookHttp({
    url: hook.url,
    body,
    headers: { 'content-type': 'application/json', 'x-parley-signature': signBody(secret, body), 'x-parley-delivery': deliveryId },
    timeoutMs: hook.timeoutMs,
  });
  if (!response.ok) return { agentId: null, failure: response.error === 'timeout' ? 'timeout' : 'error' };
  if (response.status < 200 || response.status >= 300) return { agentId: null, failure: 'error' };
  const agentId = parseAnswer(response.bodyText);
  if (agentId === undefined) return { agentId: null, failure: 'invalid' };
  if (agentId !== null && !eligible.some((a) => a.agentId === agentId)) return { agentId, failure: 'ineligible' };
  return { agentId, failure: null };
}

/** The advisor id of `{ "agentId": "…" | null }`; undefined for anything else. */
function parseAnswer(text: string): string | null | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('agentId' in parsed)) return undefined;
  const { agentId } = parsed as { agentId: unknown };
  return agentId === null || (typeof agentId === 'string' && agentId.length > 0 && agentId.length <= 200) ? agentId : undefined;
}
