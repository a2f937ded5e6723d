import type { TimelineEntry } from '../api/types.js';
import type { Locale, MessageKey, Translate } from '../i18n/messages.js';
import { routingTimelineView } from '../routing/routing-timeline.js';
import { assistTimelineView } from '../assist/assist-timeline.js';
import { botTimelineView } from '../bots/bot-timeline.js';

export type Smiley = 'good' | 'neutral' | 'bad';

export interface CsatAspectView {
  aspect: 'welcome' | 'waiting' | 'answer';
  label: string;
  smiley: Smiley;
  /** 🟢 / 🟠 / 🔴: always shown with its text label, never alone. */
  emoji: string;
  text: string;
}

export interface TimelineView {
  key: string;
  /** `routing`: a routing decision with its explanation; `sla`: an SLA breach (highlighted). */
  kind: 'message' | 'csat' | 'status' | 'event' | 'routing' | 'sla';
  at: string;
  conversationId: string | null;
  icon: string;
  title: string;
  detail: string | null;
  csat: { aspects: CsatAspectView[]; comment: string | null } | null;
}

const SMILEY_EMOJI: Record<Smiley, string> = { good: '🟢', neutral: '🟠', bad: '🔴' };
const ASPECTS = ['welcome', 'waiting', 'answer'] as const;
const isSmiley = (v: unknown): v is Smiley => v === 'good' || v === 'neutral' || v === 'bad';
const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/**
 * The three smileys of a CSAT answer, with emoji and text. Unknown values are skipped.
 * @example csatAspects({ welcome: 'good', waiting: 'bad', answer: 'neutral' }, t)[1] // { aspect: 'waiting', emoji: '🔴', text: 'Bad', … }
 */
export function csatAspects(payload: Record<string, unknown>, t: Translate): CsatAspectView[] {
  const out: CsatAspectView[] = [];
  for (const aspect of ASPECTS) {
    const value = payload[aspect];
    if (!isSmiley(value)) continue;
    out.push({ aspect, label: t(`timeline.csat.${aspect}`), smiley: value, emoji: SMILEY_EMOJI[value], text: t(`smiley.${value}`) });
  }
  return out;
}

/** "🟢 Good" for a smiley, for compact texts. */
export function smileyText(value: Smiley, t: Translate): string {
  return `${SMILEY_EMOJI[value]} ${t(`smiley.${value}`)}`;
}

const statusName = (value: unknown, t: Translate): string => {
  const s = text(value);
  return ['open', 'pending', 'snoozed', 'resolved', 'closed'].includes(s) ? t(`status.${s}` as MessageKey) : s;
};

/** One timeline entry as the customer panel shows it. */
export function formatTimelineEntry(entry: TimelineEntry, t: Translate, index = 0, locale: Locale = 'en'): TimelineView {
  const base = { at: entry.at, conversationId: entry.conversationId, csat: null, detail: null };
  if (entry.kind === 'message') {
    const note = entry.visibility !== 'public';
    const authorKind = ['customer', 'agent', 'bot', 'system'].includes(entry.author.kind)
      ? (entry.author.kind as 'customer' | 'agent' | 'bot' | 'system')
      : 'system';
    return {
      ...base,
      key: `m:${entry.messageId}`,
      kind: 'message',
      icon: note ? '📝' : authorKind === 'customer' ? '💬' : authorKind === 'bot' ? '🤖' : '↩️',
      title: note ? t('timeline.message.note') : t(`timeline.message.${authorKind}`),
      detail: entry.text,
    };
  }
  const p = entry.payload;
  const key = `e:${entry.type}:${entry.at}:${entry.messageId ?? ''}:${index}`;
  const routed = routingTimelineView(entry.type, p, locale);
  if (routed) return { ...base, key, ...routed };
  const assisted = assistTimelineView(entry.type, p, locale);
  if (assisted) return { ...base, key, ...assisted };
  const bot = botTimelineView(entry.type, p, locale);
  if (bot) return { ...base, key, ...bot };
  switch (entry.type) {
    case 'csat.recorded': {
      const comment = typeof p.comment === 'string' && p.comment.trim() ? p.comment : null;
      const aspects = csatAspects(p, t);
      return {
        ...base,
        key,
        kind: 'csat',
        icon: '⭐',
        title: t('timeline.csat'),
        detail: aspects.map((a) => `${a.label} ${a.emoji} ${a.text}`).join(' · '),
        csat: { aspects, comment },
      };
    }
    case 'conversation.status_changed':
      return { ...base, key, kind: 'status', icon: '🔄', title: t('timeline.statusChanged', { from: statusName(p.from, t), to: statusName(p.to, t) }) };
    case 'conversation.created':
      return { ...base, key, kind: 'event', icon: '🆕', title: t('timeline.created') };
    case 'conversation.handler_changed':
      return {
        ...base,
        key,
        kind: 'event',
        icon: '👤',
        title: t('timeline.handlerChanged', { kind: text((p.to as Record<string, unknown> | undefined)?.kind ?? p.kind ?? p.to) }),
      };
    case 'conversation.channel_switched':
      return { ...base, key, kind: 'event', icon: '🔀', title: t('timeline.channelSwitched') };
    case 'customer.created':
      return { ...base, key, kind: 'event', icon: '👋', title: t('timeline.customerCreated') };
    case 'customer.identity_added':
      return { ...base, key, kind: 'event', icon: '🪪', title: t('timeline.identityAdded', { value: text(p.value ?? p.kind) }) };
    case 'customer.merged':
      return { ...base, key, kind: 'event', icon: '🔗', title: t('timeline.customerMerged') };
    case 'consent.changed':
      return { ...base, key, kind: 'event', icon: '✅', title: t('timeline.consent', { status: text(p.status), purpose: text(p.purpose) }) };
    case 'note.added':
      return { ...base, key, kind: 'event', icon: '📝', title: t('timeline.noteAdded') };
    default:
      return { ...base, key, kind: 'event', icon: '•', title: t('timeline.event', { type: entry.type }) };
  }
}

// Events that only repeat a message already shown as a message entry.
const REDUNDANT = new Set(['message.received', 'message.sent', 'message.delivery_updated', 'note.added']);

/** The entries worth showing, newest first. */
export function timelineViews(entries: readonly TimelineEntry[], t: Translate, max = 150, locale: Locale = 'en'): TimelineView[] {
  const shown = entries.filter((e) => e.kind === 'message' || !REDUNDANT.has(e.type));
  return shown
    .map((e, i) => formatTimelineEntry(e, t, i, locale))
    .reverse()
    .slice(0, max);
}
