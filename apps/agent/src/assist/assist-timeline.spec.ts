import { describe, expect, it } from 'vitest';
import { formatTimelineEntry } from '../format/timeline-format.js';
import { translator } from '../i18n/messages.js';

describe('wrap-up on the customer timeline', () => {
  const entry = {
    kind: 'event' as const,
    at: '2026-03-01T10:00:00.000Z',
    type: 'conversation.wrapped_up',
    conversationId: 'c1',
    messageId: null,
    payload: { disposition: 'refund', label: { fr: 'Remboursement accordé', en: 'Refund granted' }, summary: 'Client : lampe cassée.\nRéférences : CMD-48213' },
    actor: { kind: 'user', id: 'u1' },
    cursor: 'x',
  };

  it('shows the disposition in the interface language and the summary', () => {
    expect(formatTimelineEntry(entry, translator('fr'), 0, 'fr')).toMatchObject({
      title: 'Synthèse de clôture : Remboursement accordé',
      detail: entry.payload.summary,
      icon: '🗂️',
    });
    expect(formatTimelineEntry(entry, translator('en'), 0, 'en').title).toBe('Wrap-up: Refund granted');
  });
});
