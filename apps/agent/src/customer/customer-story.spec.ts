import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../api/types.js';
import { storiesByConversation } from './customer-story.js';

const event = (type: string, conversationId: string | null, payload: Record<string, unknown>): TimelineEntry => ({
  kind: 'event',
  at: '2025-06-01T10:00:00.000Z',
  type,
  conversationId,
  messageId: null,
  payload,
  actor: { kind: 'agent', id: null },
});

describe('customer story', () => {
  it('reads each conversation’s CSAT and latest wrap-up outcome in the UI language', () => {
    const stories = storiesByConversation(
      [
        event('csat.recorded', 'a', { welcome: 'good', waiting: 'bad', answer: 'good' }),
        event('conversation.wrapped_up', 'a', { disposition: 'information', label: { fr: 'Information donnée', en: 'Information given' } }),
        event('conversation.wrapped_up', 'a', { disposition: 'refund', label: { fr: 'Remboursement accordé', en: 'Refund granted' } }),
        event('conversation.wrapped_up', 'b', { disposition: 'custom_code' }),
        event('conversation.status_changed', 'c', { from: 'open', to: 'resolved' }),
        event('csat.recorded', null, { welcome: 'good' }),
      ],
      'fr',
    );
    expect(stories.get('a')).toEqual({ csat: { welcome: 'good', waiting: 'bad', answer: 'good' }, outcome: 'Remboursement accordé' });
    expect(stories.get('b')).toEqual({ csat: null, outcome: 'custom_code' });
    expect(stories.has('c')).toBe(false);
  });
});
