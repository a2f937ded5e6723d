import type { Locale } from '../i18n/messages.js';

/** How a bot event reads on the customer timeline; null for other events. */
export interface BotTimelineView {
  kind: 'event';
  icon: string;
  title: string;
  detail: string | null;
}

const TEXT = {
  fr: {
    sent: (via: string, to: string) => `Code de vérification envoyé ${via} (${to})`,
    failed: (via: string, to: string) => `Code de vérification non envoyé ${via} (${to})`,
    verified: (via: string) => `Identité vérifiée par code ${via}`,
    sms: 'par SMS',
    email: 'par e-mail',
  },
  en: {
    sent: (via: string, to: string) => `Verification code sent ${via} (${to})`,
    failed: (via: string, to: string) => `Verification code not sent ${via} (${to})`,
    verified: (via: string) => `Identity verified by code ${via}`,
    sms: 'by text message',
    email: 'by email',
  },
};

/**
 * The timeline entry of a bot's one-time code: sent (or not) with the masked address, then the
 * customer verified. The code itself is never in these events.
 * @example botTimelineView('bot.otp_verified', { via: 'sms' }, 'en')?.title // 'Identity verified by code by text message'
 */
export function botTimelineView(type: string, payload: Record<string, unknown>, locale: Locale): BotTimelineView | null {
  const text = locale === 'fr' ? TEXT.fr : TEXT.en;
  const via = payload.via === 'email' ? text.email : text.sms;
  if (type === 'bot.otp_sent') {
    const to = typeof payload.to === 'string' ? payload.to : '';
    const failed = payload.status === 'failed';
    return {
      kind: 'event',
      icon: failed ? '⚠️' : '🔐',
      title: failed ? text.failed(via, to) : text.sent(via, to),
      detail: failed && typeof payload.error === 'string' ? payload.error : null,
    };
  }
  if (type === 'bot.otp_verified') return { kind: 'event', icon: '✅', title: text.verified(via), detail: null };
  return null;
}
