import type { AgentProfile, ChannelKind, ExplanationFactor, RoutingItem, RoutingQueue } from './model.js';

/** The primary language subtag, lower-cased: "fr-CA" → "fr". */
export function primaryLanguage(tag: string): string {
  return tag.split(/[-_]/)[0]?.toLowerCase() ?? '';
}

/**
 * True when the advisor can take one more conversation of this kind: below the kind's limit
 * and below the total. This is the one capacity rule; stores re-check it under their lock.
 *
 * @example
 * hasCapacity({ ...agent, load: { voice: 0, chat: 2, async: 0, total: 2 }, capacity: { voice: 1, chat: 3, async: 5, total: 5 } }, 'chat'); // true
 */
export function hasCapacity(agent: Pick<AgentProfile, 'load' | 'capacity'>, kind: ChannelKind): boolean {
  return agent.load[kind] < agent.capacity[kind] && agent.load.total < agent.capacity.total;
}

/** The languages that would satisfy this conversation in this queue (empty: any). */
export function acceptableLanguages(item: RoutingItem, queue: RoutingQueue): string[] {
  const served = queue.languages.map(primaryLanguage);
  const wanted = item.attributes.language ? primaryLanguage(item.attributes.language) : null;
  if (wanted && (served.length === 0 || served.includes(wanted))) return [wanted];
  return served;
}

export interface Qualification {
  qualified: boolean;
  /** The factors that qualify (skills with levels, the language matched), for the explanation. */
  factors: ExplanationFactor[];
  /** Sum of the advisor's levels on the required skills: more proficient ranks first. */
  skillScore: number;
}

/**
 * Whether the advisor's skills and languages qualify for the conversation in this queue,
 * regardless of presence and load.
 *
 * @example
 * qualify(agent, item, queue).qualified; // false when a required skill is below its minimum level
 */
export function qualify(agent: AgentProfile, item: RoutingItem, queue: RoutingQueue): Qualification {
  const factors: ExplanationFactor[] = [];
  let skillScore = 0;
  for (const req of queue.requiredSkills) {
    const level = agent.skills[req.skill] ?? 0;
    // A skill at level 0 is "known of", not held: it never qualifies, whatever the minimum.
    if (level <= 0 || level < req.minLevel) return { qualified: false, factors: [], skillScore: 0 };
    skillScore += level;
    factors.push({ kind: 'skill', skill: req.skill, level, required: req.minLevel });
  }
  const languages = acceptableLanguages(item, queue);
  if (languages.length > 0) {
    const spoken = agent.languages.map(primaryLanguage);
    const match = languages.find((l) => spoken.includes(l));
    if (!match) return { qualified: false, factors: [], skillScore: 0 };
    factors.push({ kind: 'language', language: match });
  }
  return { qualified: true, factors, skillScore };
}

/** Why an advisor can't take a conversation now, or null when they can. */
export function unavailability(agent: AgentProfile, item: RoutingItem): 'offline' | 'not_ready' | 'full' | 'declined' | null {
  if (agent.presence === 'offline') return 'offline';
  if (agent.presence !== 'online') return 'not_ready';
  if (item.declinedAgentIds.includes(agent.agentId)) return 'declined';
  if (!hasCapacity(agent, item.channelKind)) return 'full';
  return null;
}
