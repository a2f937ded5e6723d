/**
 * The creation form of each channel type, declared as data: the fields (with the exact config keys
 * of the adapters' input schemas in packages/channels/*), which ones are secrets (password inputs),
 * and how the typed values become the `config` of `POST /api/v1/channels`.
 */

/** `pem`: a secret of several lines (a private key), typed in a text area that keeps its line breaks. */
export type FieldKind = 'text' | 'password' | 'number' | 'checkbox' | 'select' | 'color' | 'url' | 'email' | 'pem';

export interface FieldSpec {
  /** Dotted path in `config` (e.g. `outbound.host`). */
  key: string;
  kind: FieldKind;
  label: { fr: string; en: string };
  required?: boolean;
  options?: readonly string[];
  /** Initial value in the form. */
  initial?: string | boolean;
  placeholder?: string;
  /** Shown (and sent) only when another field has this value. */
  when?: { key: string; equals: string };
}

export const CHANNEL_TYPES = ['api', 'webchat', 'email', 'whatsapp', 'messenger', 'instagram', 'twilio_sms', 'telegram', 'google_reviews'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

const l = (fr: string, en: string) => ({ fr, en });
const apiBaseUrl: FieldSpec = { key: 'apiBaseUrl', kind: 'url', label: l('URL de l’API (facultatif)', 'API base URL (optional)') };
const metaSecrets: FieldSpec[] = [
  { key: 'accessToken', kind: 'password', label: l('Jeton d’accès', 'Access token'), required: true },
  { key: 'appSecret', kind: 'password', label: l('Secret de l’application', 'App secret'), required: true },
  { key: 'verifyToken', kind: 'password', label: l('Jeton de vérification', 'Verify token'), required: true },
];
const imapWhen = { key: 'inbound.mode', equals: 'imap' };

export const CHANNEL_FIELDS: Record<ChannelType, FieldSpec[]> = {
  api: [
    {
      key: 'webhookUrl',
      kind: 'url',
      label: l('URL du webhook (vos réponses y sont envoyées)', 'Webhook URL (replies are posted there)'),
      required: true,
      placeholder: 'https://',
    },
  ],
  webchat: [
    { key: 'brandName', kind: 'text', label: l('Nom affiché', 'Brand name'), initial: 'Parley' },
    { key: 'primaryColor', kind: 'color', label: l('Couleur principale', 'Primary colour'), initial: '#2f6f5e' },
    { key: 'greeting.fr', kind: 'text', label: l('Message d’accueil (français)', 'Greeting (French)'), initial: 'Bonjour ! Comment pouvons-nous vous aider ?' },
    { key: 'greeting.en', kind: 'text', label: l('Message d’accueil (anglais)', 'Greeting (English)'), initial: 'Hello! How can we help?' },
    { key: 'defaultLocale', kind: 'select', label: l('Langue par défaut', 'Default language'), options: ['fr', 'en'], initial: 'fr' },
  ],
  email: [
    { key: 'address', kind: 'email', label: l('Adresse', 'Address'), required: true },
    { key: 'displayName', kind: 'text', label: l('Nom affiché', 'Display name') },
    { key: 'inbound.mode', kind: 'select', label: l('Réception', 'Inbound'), options: ['smtp', 'imap'], initial: 'smtp' },
    { key: 'inbound.imap.host', kind: 'text', label: l('Serveur IMAP', 'IMAP host'), required: true, when: imapWhen },
    { key: 'inbound.imap.port', kind: 'number', label: l('Port IMAP', 'IMAP port'), initial: '993', when: imapWhen },
    { key: 'inbound.imap.user', kind: 'text', label: l('Utilisateur IMAP', 'IMAP user'), required: true, when: imapWhen },
    { key: 'inbound.imap.password', kind: 'password', label: l('Mot de passe IMAP', 'IMAP password'), when: imapWhen },
    { key: 'outbound.host', kind: 'text', label: l('Serveur SMTP sortant', 'Outbound SMTP host'), required: true },
    { key: 'outbound.port', kind: 'number', label: l('Port SMTP', 'SMTP port'), initial: '587' },
    { key: 'outbound.secure', kind: 'checkbox', label: l('TLS implicite (port 465)', 'Implicit TLS (port 465)'), initial: false },
    { key: 'outbound.user', kind: 'text', label: l('Utilisateur SMTP', 'SMTP user') },
    { key: 'outbound.password', kind: 'password', label: l('Mot de passe SMTP', 'SMTP password') },
    {
      key: 'inbound.authservId',
      kind: 'text',
      label: l('authserv-id de votre serveur de messagerie (Authentication-Results)', 'Your mail server’s authserv-id (Authentication-Results)'),
      placeholder: 'mx.example.com',
    },
    {
      // 'envelope' trusts MAIL FROM = From, which anyone can forge: only behind an MTA that enforces sender authentication.
      key: 'inbound.senderVerification',
      kind: 'select',
      label: l(
        'Expéditeur vérifié par (envelope : seulement si votre MTA authentifie déjà les expéditeurs)',
        'Sender verified by (envelope: only if your MTA already authenticates senders)',
      ),
      options: ['authentication-results', 'envelope'],
      initial: 'authentication-results',
    },
    { key: 'dkim.domain', kind: 'text', label: l('Domaine DKIM (facultatif)', 'DKIM domain (optional)') },
    { key: 'dkim.selector', kind: 'text', label: l('Sélecteur DKIM', 'DKIM selector') },
    { key: 'dkim.privateKey', kind: 'pem', label: l('Clé privée DKIM (PEM, RSA)', 'DKIM private key (PEM, RSA)'), placeholder: '-----BEGIN PRIVATE KEY-----' },
  ],
  whatsapp: [
    { key: 'phoneNumberId', kind: 'text', label: l('Identifiant du numéro (phone number id)', 'Phone number id'), required: true },
    ...metaSecrets,
    apiBaseUrl,
  ],
  messenger: [{ key: 'pageId', kind: 'text', label: l('Identifiant de la page', 'Page id'), required: true }, ...metaSecrets, apiBaseUrl],
  instagram: [
    { key: 'instagramAccountId', kind: 'text', label: l('Identifiant du compte Instagram', 'Instagram account id'), required: true },
    { key: 'pageId', kind: 'text', label: l('Identifiant de la page liée (facultatif)', 'Linked page id (optional)') },
    ...metaSecrets,
    apiBaseUrl,
  ],
  twilio_sms: [
    { key: 'accountSid', kind: 'text', label: l('Account SID', 'Account SID'), required: true, placeholder: 'AC…' },
    { key: 'authToken', kind: 'password', label: l('Auth token', 'Auth token'), required: true },
    { key: 'fromNumber', kind: 'text', label: l('Numéro d’envoi (E.164)', 'From number (E.164)'), required: true, placeholder: '+33…' },
    apiBaseUrl,
  ],
  telegram: [
    { key: 'botToken', kind: 'password', label: l('Jeton du bot (@BotFather)', 'Bot token (@BotFather)'), required: true },
    { key: 'secretToken', kind: 'password', label: l('Jeton secret du webhook', 'Webhook secret token'), required: true },
    apiBaseUrl,
  ],
  google_reviews: [
    { key: 'accountId', kind: 'text', label: l('Identifiant du compte', 'Account id'), required: true },
    { key: 'locationId', kind: 'text', label: l('Identifiant de l’établissement', 'Location id'), required: true },
    { key: 'accessToken', kind: 'password', label: l('Jeton d’accès OAuth', 'OAuth access token'), required: true },
    {
      key: 'requireApproval',
      kind: 'checkbox',
      label: l('Réponses publiques validées par un superviseur', 'Public replies need a supervisor’s approval'),
      initial: false,
    },
    { key: 'pollMinutes', kind: 'number', label: l('Minutes entre deux imports', 'Minutes between imports'), initial: '15' },
    apiBaseUrl,
  ],
};

export type FormValues = Record<string, string | boolean>;

/** The form's starting values for a type. */
export function initialValues(type: ChannelType): FormValues {
  const values: FormValues = {};
  for (const f of CHANNEL_FIELDS[type]) values[f.key] = f.initial ?? (f.kind === 'checkbox' ? false : '');
  return values;
}

/** Whether a field applies given the other values (e.g. IMAP fields only in IMAP mode). */
export function isVisible(field: FieldSpec, values: FormValues): boolean {
  return !field.when || values[field.when.key] === field.when.equals;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/**
 * The `config` to post: nested by the dotted keys, numbers as numbers, empty optional fields left
 * out (the server applies its defaults), hidden fields never sent.
 * @example buildConfig('api', { webhookUrl: 'https://x.test/h' }) // { webhookUrl: 'https://x.test/h' }
 */
export function buildConfig(type: ChannelType, values: FormValues): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of CHANNEL_FIELDS[type]) {
    if (!isVisible(field, values)) continue;
    const raw = values[field.key];
    if (field.kind === 'checkbox') {
      setPath(config, field.key, raw === true);
      continue;
    }
    const text = typeof raw === 'string' ? (field.kind === 'password' ? raw : raw.trim()) : '';
    // A private key pasted with Windows line ends is still one PEM.
    if (field.kind === 'pem' && text !== '') {
      setPath(config, field.key, `${text.replace(/\r\n?/g, '\n')}\n`);
      continue;
    }
    if (text === '') continue;
    setPath(config, field.key, field.kind === 'number' ? Number(text) : text);
  }
  return config;
}

/** The provider name in webhook URLs (`/webhooks/{provider}/{id}`), for channels a provider pushes to. */
export const WEBHOOK_PROVIDERS: Partial<Record<string, string>> = {
  whatsapp: 'whatsapp',
  messenger: 'messenger',
  instagram: 'instagram',
  twilio_sms: 'twilio',
  telegram: 'telegram',
};

/** The URL to paste in the provider's webhook settings, or null for channels without one. */
export function webhookUrlOf(origin: string, type: string, channelId: string): string | null {
  const provider = WEBHOOK_PROVIDERS[type];
  return provider ? `${origin}/webhooks/${provider}/${encodeURIComponent(channelId)}` : null;
}

/** The snippet that embeds a web chat channel in a site. */
export function webchatSnippet(origin: string, channelId: string, locale: string): string {
  return `<script src="${origin}/widget.js" async data-parley-channel="${channelId}" data-parley-locale="${locale === 'en' ? 'en' : 'fr'}"></script>`;
}
