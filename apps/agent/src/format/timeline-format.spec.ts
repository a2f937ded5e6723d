import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../api/types.js';
import { translator } from '../i18n/messages.js';
import { csatAspects, formatTimelineEntry, smileyText, timelineViews } from './timeline-format.js';

const en = translator('en');
const fr = translator('fr');

const csat: TimelineEntry = {
  kind: 'event',
  at: '2024-05-01T10:00:00.000Z',
  type: 'csat.recorded',
  conversationId: 'c1',
  messageId: null,
  payload: { welcome: 'good', waiting: 'bad', answer: 'neutral', comment: 'Un peu long <b>mais</b> bien' },
  actor: { kind: 'customer', id: 'u1' },
};

describe('timeline formatting', () => {
  it('shows the three CSAT smileys as 🟢/🟠/🔴 with text labels, and the comment', () => {
    const view = formatTimelineEntry(csat, en);
    expect(view.kind).toBe('csat');
    expect(view.csat?.aspects).toEqual([
      { aspect: 'welcome', label: 'Welcome', smiley: 'good', emoji: '🟢', text: 'Good' },
      { aspect: 'waiting', label: 'Waiting time', smiley: 'bad', emoji: '🔴', text: 'Bad' },
      { aspect: 'answer', label: 'Answer', smiley: 'neutral', emoji: '🟠', text: 'Neutral' },
    ]);
    expect(view.csat?.comment).toBe('Un peu long <b>mais</b> bien');
    expect(view.detail).toBe('Welcome 🟢 Good · Waiting time 🔴 Bad · Answer 🟠 Neutral');
  });

  it('translates CSAT labels to French', () => {
    expect(csatAspects({ welcome: 'good', waiting: 'neutral', answer: 'bad' }, fr).map((a) => `${a.label} ${a.emoji} ${a.text}`)).toEqual([
      'Accueil 🟢 Satisfait',
      'Attente 🟠 Moyen',
      'Réponse 🔴 Insatisfait',
    ]);
    expect(smileyText('bad', fr)).toBe('🔴 Insatisfait');
  });

  it('skips unknown smiley values and blank comments', () => {
    const view = formatTimelineEntry({ ...csat, payload: { welcome: 'great', waiting: 'good', comment: '  ' } }, en);
    expect(view.csat?.aspects.map((a) => a.aspect)).toEqual(['waiting']);
    expect(view.csat?.comment).toBeNull();
  });

  it('formats status changes with translated status names', () => {
    const entry: TimelineEntry = { ...csat, type: 'conversation.status_changed', payload: { from: 'open', to: 'resolved' } };
    expect(formatTimelineEntry(entry, en).title).toBe('Status: Open → Resolved');
    expect(formatTimelineEntry(entry, fr).title).toBe('Statut : Ouverte → Résolue');
  });

  it('labels messages by author and marks notes', () => {
    const message: TimelineEntry = {
      kind: 'message',
      at: csat.at,
      conversationId: 'c1',
      channelId: 'ch',
      messageId: 'm1',
      direction: 'inbound',
      author: { kind: 'customer', id: 'x' },
      visibility: 'public',
      text: 'Bonjour',
      deliveryStatus: 'received',
    };
    expect(formatTimelineEntry(message, en)).toMatchObject({ kind: 'message', title: 'Customer', detail: 'Bonjour', key: 'm:m1' });
    expect(formatTimelineEntry({ ...message, author: { kind: 'agent', id: 'a' }, visibility: 'note' }, fr).title).toBe('Note');
  });

  it('lists newest first and hides events that repeat a message', () => {
    const message: TimelineEntry = {
      kind: 'message',
      at: '2024-05-01T09:00:00.000Z',
      conversationId: 'c1',
      channelId: 'ch',
      messageId: 'm1',
      direction: 'inbound',
      author: { kind: 'customer', id: 'x' },
      visibility: 'public',
      text: 'hi',
      deliveryStatus: 'received',
    };
    const received: TimelineEntry = { ...csat, at: '2024-05-01T09:00:00.000Z', type: 'message.received', payload: {} };
    const views = timelineViews([message, received, csat], en);
    expect(views.map((v) => v.kind)).toEqual(['csat', 'message']);
  });

  it('falls back to the event type for unknown events', () => {
    expect(formatTimelineEntry({ ...csat, type: 'bot.handoff', payload: {} }, en).title).toBe('Event: bot.handoff');
  });
});
