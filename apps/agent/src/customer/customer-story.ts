import type { TimelineEntry } from '../api/types.js';
import type { Locale } from '../i18n/messages.js';

/** What the timeline says about each conversation: its CSAT answer and its wrap-up outcome. */
export interface ConversationStory {
  csat: Record<string, unknown> | null;
  /** The wrap-up disposition in the UI language (the last one when it was wrapped up twice). */
  outcome: string | null;
}

/**
 * conversationId → its CSAT answer and wrap-up outcome, from the customer's timeline.
 * @example storiesByConversation(timeline, 'en').get(id)?.outcome // 'Refund granted'
 */
export function storiesByConversation(timeline: readonly TimelineEntry[], locale: Locale): Map<string, ConversationStory> {
  const out = new Map<string, ConversationStory>();
  const of = (id: string): ConversationStory => {
    const known = out.get(id);
    if (known) return known;
    const story: ConversationStory = { csat: null, outcome: null };
    out.set(id, story);
    return story;
  };
  for (const entry of timeline) {
    if (entry.kind !== 'event' || !entry.conversationId) continue;
    if (entry.type === 'csat.recorded') of(entry.conversationId).csat = entry.payload;
    if (entry.type === 'conversation.wrapped_up') {
      const label = entry.payload.label as Record<string, unknown> | undefined;
      const name = typeof label?.[locale] === 'string' ? label[locale] : entry.payload.disposition;
      if (typeof name === 'string' && name) of(entry.conversationId).outcome = name;
    }
  }
  return out;
}
