import type { Locale } from '../i18n/messages.js';
import { explanationIn, fill, routingText } from './routing-text.js';

/** How a routing event reads on the customer timeline; null for other events. */
export interface RoutingTimelineView {
  kind: 'routing' | 'sla';
  icon: string;
  title: string;
  detail: string | null;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The timeline entry of a routing event: the assignment's explanation in the UI language, the
 * transfer note, the SLA breach (highlighted).
 * @example routingTimelineView('conversation.assigned', { explanation: { en: 'assigned to Léa: French', fr: '…' } }, 'en')?.detail // 'assigned to Léa: French'
 */
export function routingTimelineView(type: string, payload: Record<string, unknown>, locale: Locale): RoutingTimelineView | null {
  const text = routingText(locale);
  const why = explanationIn(payload.explanation as { en?: unknown; fr?: unknown } | undefined, locale);
  switch (type) {
    case 'conversation.assigned':
      return { kind: 'routing', icon: '🧭', title: text.timelineAssigned, detail: why };
    case 'conversation.offered':
      return { kind: 'routing', icon: '📨', title: text.timelineOffered, detail: why };
    case 'conversation.queued':
      return { kind: 'routing', icon: '⏳', title: text.timelineQueued, detail: why };
    case 'conversation.overflowed':
      return { kind: 'routing', icon: '↪️', title: text.timelineOverflow, detail: why };
    case 'conversation.after_hours':
      return { kind: 'routing', icon: '🌙', title: text.timelineAfterHours, detail: why };
    case 'conversation.transferred': {
      const note = str(payload.note);
      const title = payload.takenOver === true ? text.timelineTakenOver : text.timelineTransferred;
      return { kind: 'routing', icon: '🔁', title, detail: note ? fill(text.timelineTransferNote, { note }) : null };
    }
    case 'conversation.help_requested': {
      const note = str(payload.note);
      return { kind: 'routing', icon: '🆘', title: text.timelineHelp, detail: note ? fill(text.timelineTransferNote, { note }) : null };
    }
    case 'conversation.offer_withdrawn':
      return { kind: 'routing', icon: '↩️', title: fill(text.timelineOfferWithdrawn, { reason: str(payload.reason) }), detail: str(payload.note) || null };
    case 'conversation.sla_breached': {
      const kind = str(payload.kind);
      const over = typeof payload.overBySec === 'number' ? `+${payload.overBySec} s` : null;
      return { kind: 'sla', icon: '⚠️', title: fill(text.timelineSla, { kind: text.slaKinds[kind] ?? kind }), detail: over };
    }
    default:
      return null;
  }
}
