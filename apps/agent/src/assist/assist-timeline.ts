import type { Locale } from '../i18n/messages.js';
import { assistText } from './assist-text.js';

/** How an assist event reads on the customer timeline; null for other events. */
export interface AssistTimelineView {
  kind: 'event';
  icon: string;
  title: string;
  detail: string | null;
}

/**
 * The timeline entry of a saved wrap-up: the disposition in the UI language, then the summary.
 * @example assistTimelineView('conversation.wrapped_up', { disposition: 'refund', label: { fr: 'Remboursement accordé', en: 'Refund granted' }, summary: '…' }, 'en')?.title // 'Wrap-up: Refund granted'
 */
export function assistTimelineView(type: string, payload: Record<string, unknown>, locale: Locale): AssistTimelineView | null {
  if (type !== 'conversation.wrapped_up') return null;
  const label = payload.label as { fr?: unknown; en?: unknown } | undefined;
  const name = typeof label?.[locale] === 'string' ? (label[locale] as string) : typeof payload.disposition === 'string' ? payload.disposition : '';
  const summary = typeof payload.summary === 'string' && payload.summary.trim() ? payload.summary : null;
  const sep = locale === 'fr' ? ' : ' : ': ';
  return { kind: 'event', icon: '🗂️', title: `${assistText(locale).wrappedUp}${sep}${name}`, detail: summary };
}
