import { describe, expect, it } from 'vitest';
import { routingTimelineView } from './routing-timeline.js';

describe('routing timeline entries of the wallboard actions', () => {
  it('says a supervisor took the conversation over, and a plain transfer stays a transfer', () => {
    expect(routingTimelineView('conversation.transferred', { takenOver: true, note: null }, 'fr')?.title).toBe('Reprise par un superviseur');
    expect(routingTimelineView('conversation.transferred', { takenOver: false, note: 'vip' }, 'en')).toMatchObject({
      title: 'Transferred',
      detail: 'Note: vip',
    });
  });

  it('shows the advisor’s help request with its note', () => {
    expect(routingTimelineView('conversation.help_requested', { note: 'remboursement' }, 'fr')).toMatchObject({
      icon: '🆘',
      title: 'L’agent a demandé de l’aide',
      detail: 'Note : remboursement',
    });
  });
});
