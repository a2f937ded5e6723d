// The web chat widget's real-time protocol (socket.io namespace `/widget`, path `/socket.io`).
// Types only in this file, so the widget bundle imports nothing at run time; the server
// validates every client payload with the schemas in widget-schemas.ts.

export const SOCKET_PATH = '/socket.io';
export const WIDGET_NAMESPACE = '/widget';
export const AGENT_NAMESPACE = '/agent';

export type Locale = 'fr' | 'en';
export type Smiley = 'good' | 'neutral' | 'bad';

/** Sent in the socket.io handshake: `io(url + '/widget', { path: '/socket.io', auth })`. */
export interface WidgetHandshake {
  channelId: string;
  /** From a previous `session` (kept in localStorage): resumes the same visitor and history. */
  visitorToken?: string;
  locale?: Locale;
}

/** A content block as the widget renders it (always as text nodes, never as HTML). */
export type WidgetBlock =
  | { type: 'text'; text: string }
  | { type: 'buttons'; text?: string; buttons: Array<{ id: string; label: string; payload?: string; url?: string }> }
  | { type: 'quick_replies'; text?: string; replies: Array<{ id: string; label: string; payload?: string }> }
  | { type: 'cards'; cards: Array<{ title: string; subtitle?: string; imageUrl?: string; buttons?: Array<{ id: string; label: string; payload?: string; url?: string }> }> }
  | { type: 'attachment'; attachmentId?: string; url?: string; fileName: string; contentType: string; sizeBytes?: number }
  | { type: 'payload'; payload: string };

export interface WidgetMessage {
  id: string;
  conversationId: string;
  seq: number;
  /** `customer` is the visitor; the widget shows agent names, and "bot" badges for bots. */
  author: { kind: 'customer' | 'bot' | 'agent' | 'system'; name: string | null };
  blocks: WidgetBlock[];
  text: string;
  createdAt: string;
  /** For the visitor's own messages: received → delivered (on an agent's screen) → read. */
  status: 'received' | 'pending' | 'sent' | 'delivered' | 'read' | 'failed' | 'not_applicable';
  /** Echoes the id the widget chose, so it can replace its optimistic bubble. */
  clientMessageId?: string;
}

export interface WidgetSession {
  /** Keep it (localStorage) and send it back in the handshake to resume. */
  visitorToken: string;
  customerId: string;
  conversation: { id: string; status: string } | null;
  /** The current conversation's public messages, oldest first (notes and whispers never appear). */
  messages: WidgetMessage[];
  identity: { name: string | null; email: string | null; verified: boolean };
  /** A resolved conversation whose CSAT the visitor has not answered yet. */
  csatPending: string | null;
}

export type Ack<T = Record<string, never>> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

/** Events the server emits to a widget. */
export interface WidgetServerEvents {
  session: (session: WidgetSession) => void;
  message: (message: WidgetMessage) => void;
  /** An agent (or the bot) is typing in the visitor's conversation. */
  typing: (event: { conversationId: string; author: { kind: 'agent' | 'bot'; name: string | null }; isTyping: boolean }) => void;
  /** The team has read the visitor's messages up to `seq`. */
  read: (event: { conversationId: string; seq: number }) => void;
  /** Delivery state of one of the visitor's messages changed. */
  'message:status': (event: { conversationId: string; messageId: string; status: WidgetMessage['status'] }) => void;
  'conversation:status': (event: { conversationId: string; status: string }) => void;
  'csat:request': (event: { conversationId: string }) => void;
}

/** Events a widget emits (with an acknowledgement callback where shown). */
export interface WidgetClientEvents {
  'message:send': (input: { clientMessageId: string; text?: string; payload?: string; attachmentIds?: string[] }, ack: (result: Ack<{ message: WidgetMessage }>) => void) => void;
  typing: (input: { isTyping: boolean }) => void;
  /** The visitor has seen the conversation up to `seq`. */
  read: (input: { seq: number }) => void;
  /**
   * From `Parley.identify()`. `signature` = hex HMAC-SHA256 of `${externalId}|${email ?? ''}`
   * (or `${externalId}|${email ?? ''}|${phone}` when a phone is given) with the channel's identity
   * secret, computed by the host site's server. Unsigned data is kept as unverified.
   */
  identify: (input: { externalId?: string; email?: string; phone?: string; name?: string; signature?: string }, ack: (result: Ack<{ verified: boolean }>) => void) => void;
  /** From `Parley.setContext()`: page, title, cart value… shown to agents. */
  'context:set': (input: Record<string, string | number | boolean | null>) => void;
  'prechat:submit': (input: { name?: string; email?: string }, ack: (result: Ack) => void) => void;
  'csat:submit': (input: { conversationId: string; welcome: Smiley; waiting: Smiley; answer: Smiley; comment?: string }, ack: (result: Ack) => void) => void;
}

/** `GET /api/v1/widget/{channelId}/config`: what the widget needs before connecting. */
export interface WidgetConfig {
  channelId: string;
  brandName: string;
  primaryColor: string;
  greeting: Record<Locale, string>;
  defaultLocale: Locale;
  /** Someone can answer now: a bot is attached, or an agent is online with capacity. */
  available: boolean;
  prechat: { enabled: boolean; requireEmail: boolean };
  /** Click-to-chat rules evaluated in the page; all set rules must hold for the button to show. */
  rules: { minSecondsOnPage?: number; urlPattern?: string; minCartValue?: number; lostAfterPages?: number };
  helpCenterUrl: string | null;
  attachments: { maxBytes: number; types: string[] };
}
