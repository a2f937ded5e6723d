import type { Conversation } from '../api/types.js';
import { useI18n } from '../i18n/i18n-context.js';

/** The channel's customer-service window, as `GET /api/v1/conversations/{id}` returns it. */
export interface MessageWindow {
  open: boolean;
  closesAt: string | null;
  hours: number;
  templates: boolean;
}

const TEXT = {
  fr: {
    templates: (hours: number) =>
      `Fenêtre WhatsApp fermée : seul un modèle approuvé peut être envoyé (plus de ${hours} h depuis le dernier message du client).`,
    wait: (hours: number) => `Fenêtre de ${hours} h fermée : le client doit écrire avant qu'une réponse puisse lui parvenir.`,
  },
  en: {
    templates: (hours: number) => `WhatsApp window closed: only an approved template can be sent (more than ${hours} h since the customer's last message).`,
    wait: (hours: number) => `${hours}-hour window closed: the customer must write before a reply can reach them.`,
  },
} as const;

/**
 * Says when the conversation's channel refuses free-form replies (WhatsApp 24 hours after the
 * customer's last message), so the agent knows before the server answers 409.
 *
 * @example
 * <MessageWindowBanner conversation={conversation} />
 */
export function MessageWindowBanner({ conversation }: { conversation: Conversation | null }) {
  const { locale } = useI18n();
  // The list endpoint has no window; only the detail endpoint carries it.
  const window = (conversation as (Conversation & { window?: MessageWindow | null }) | null)?.window;
  if (!window || window.open) return null;
  const text = TEXT[locale === 'fr' ? 'fr' : 'en'];
  return (
    <p className="banner banner--warning" role="status" data-testid="message-window-closed" data-templates={window.templates}>
      {window.templates ? text.templates(window.hours) : text.wait(window.hours)}
    </p>
  );
}
