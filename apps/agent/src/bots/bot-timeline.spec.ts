import { describe, expect, it } from 'vitest';
import { formatTimelineEntry } from '../format/timeline-format.js';
import { translator } from '../i18n/messages.js';

describe('bot verification codes on the customer timeline', () => {
  const event = (type: string, payload: Record<string, unknown>) => ({
    kind: 'event' as const,
    at: '2026-03-01T10:00:00.000Z',
    type,
    conversationId: 'c1',
    messageId: null,
    payload,
    actor: { kind: 'bot', id: 'b1' },
    cursor: 'x',
  });

  it('shows where the code went, and the verification, in the interface language', () => {
    const sent = event('bot.otp_sent', { via: 'sms', to: '•• •• •• •• 43', status: 'sent' });
    expect(formatTimelineEntry(sent, translator('fr'), 0, 'fr')).toMatchObject({ title: 'Code de vérification envoyé par SMS (•• •• •• •• 43)', detail: null });
    const failed = event('bot.otp_sent', { via: 'email', to: 'm•••@client.test', status: 'failed', error: 'bounced' });
    expect(formatTimelineEntry(failed, translator('en'), 0, 'en')).toMatchObject({
      title: 'Verification code not sent by email (m•••@client.test)',
      detail: 'bounced',
    });
    expect(formatTimelineEntry(event('bot.otp_verified', { via: 'sms' }), translator('en'), 0, 'en')).toMatchObject({
      title: 'Identity verified by code by text message',
    });
  });
});
