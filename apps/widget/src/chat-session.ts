import type { Ack, Locale, Smiley, WidgetClientEvents, WidgetMessage, WidgetSession } from '@parley/realtime-protocol';
import { newClientMessageId } from './ids.js';
import { MessageStore } from './message-store.js';
import type { SocketFactory, SocketLike } from './socket-like.js';

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'reconnecting';
export type ContextValue = string | number | boolean | null;

export interface TokenStore {
  get(): string | null;
  set(token: string): void;
}

export interface ChatSessionOptions {
  channelId: string;
  locale: Locale;
  socketFactory: SocketFactory;
  tokens: TokenStore;
}

interface Request {
  event: keyof WidgetClientEvents;
  input: unknown;
  inflight: boolean;
  settle: (ack: Ack<Record<string, unknown>>) => void;
}

// Stop showing "X is typing" if the "stopped" event never comes (lost, agent closed the tab).
const TYPING_EXPIRY_MS = 8000;
// The visitor "stops typing" after this much silence.
const TYPING_IDLE_MS = 3000;

/**
 * The widget's connection to Parley: session, messages, acks, retries and queued calls. No DOM.
 * Calls made before the session is up (send, identify, prechat, CSAT) wait for it, and whatever
 * was in flight when the connection dropped is sent again on reconnect with the same ids.
 * @example const chat = new ChatSession({ channelId, locale: 'fr', socketFactory, tokens }); chat.connect(); chat.send('Bonjour');
 */
export class ChatSession {
  readonly store = new MessageStore();
  session: WidgetSession | null = null;
  connection: ConnectionState = 'idle';
  typing: { name: string | null; kind: 'agent' | 'bot' } | null = null;
  csatPending: string | null = null;
  conversationStatus: string | null = null;

  private socket: SocketLike | null = null;
  private ready = false;
  private readonly requests = new Map<string, Request>();
  /** Messages the server refused, kept for retry(). */
  private readonly failed = new Map<string, Parameters<WidgetClientEvents['message:send']>[0]>();
  private readonly context: Record<string, ContextValue> = {};
  private lastReadSent = 0;
  private typingSent = false;
  private typingIdle: ReturnType<typeof setTimeout> | undefined;
  private typingExpiry: ReturnType<typeof setTimeout> | undefined;
  private readonly changeListeners = new Set<() => void>();
  private readonly messageListeners = new Set<(message: WidgetMessage) => void>();

  constructor(private readonly options: ChatSessionOptions) {}

  get isReady(): boolean {
    return this.ready;
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Each message the server confirms, once (live, catch-up after a reconnect, or an ack). */
  onMessage(listener: (message: WidgetMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  connect(): void {
    if (this.socket) return;
    this.connection = 'connecting';
    const { channelId, locale, tokens } = this.options;
    // A function, so that a reconnection presents the token the first session handed out.
    const socket = this.options.socketFactory(() => {
      const visitorToken = tokens.get();
      return visitorToken ? { channelId, locale, visitorToken } : { channelId, locale };
    });
    this.socket = socket;
    socket.on('session', (session) => this.onSession(session));
    socket.on('message', (message) => {
      if (this.store.upsert(message)) this.emitMessage(message);
      if (message.author.kind !== 'customer' && this.typing) this.clearTyping();
      this.changed();
    });
    socket.on('typing', (event) => {
      clearTimeout(this.typingExpiry);
      if (event.isTyping) {
        this.typing = { name: event.author.name, kind: event.author.kind };
        this.typingExpiry = setTimeout(() => this.clearTyping(), TYPING_EXPIRY_MS);
      } else this.typing = null;
      this.changed();
    });
    socket.on('read', (event) => {
      this.store.markRead(event.seq);
      this.changed();
    });
    socket.on('message:status', (event) => {
      if (this.store.setStatus(event.messageId, event.status)) this.changed();
    });
    socket.on('conversation:status', (event) => {
      this.conversationStatus = event.status;
      this.changed();
    });
    socket.on('csat:request', (event) => {
      this.csatPending = event.conversationId;
      this.changed();
    });
    socket.on('disconnect', () => {
      this.ready = false;
      this.typingSent = false;
      this.connection = 'reconnecting';
      // Acks for these will never come: send them again once the next session is up.
      for (const request of this.requests.values()) request.inflight = false;
      this.changed();
    });
    socket.connect();
    this.changed();
  }

  /** Sends a message now, or as soon as the session is up; shows it at once as pending. */
  send(text: string, extra: { payload?: string; attachmentIds?: string[]; fileName?: string } = {}): string {
    const clientMessageId = newClientMessageId();
    const trimmed = text.trim();
    // The pending bubble of a file shows its name until the server's message replaces it.
    const shown = [trimmed, extra.fileName ? `📎 ${extra.fileName}` : ''].filter(Boolean).join('\n');
    this.store.addLocal(clientMessageId, shown, this.session?.conversation?.id);
    this.stopTyping();
    const input: Parameters<WidgetClientEvents['message:send']>[0] = { clientMessageId };
    if (trimmed) input.text = trimmed;
    if (extra.payload !== undefined) input.payload = extra.payload;
    if (extra.attachmentIds?.length) input.attachmentIds = extra.attachmentIds;
    this.requestMessage(clientMessageId, input);
    this.connect();
    this.changed();
    return clientMessageId;
  }

  /** Tries a failed message again with the same clientMessageId (the server dedupes). */
  retry(clientMessageId: string): void {
    const input = this.failed.get(clientMessageId);
    if (!input || this.requests.has(clientMessageId)) return;
    this.failed.delete(clientMessageId);
    this.store.setFailed(clientMessageId, false);
    this.requestMessage(clientMessageId, input);
    this.changed();
  }

  /** Call on each keystroke: "typing" once, "stopped" after a pause or on send. */
  typingInput(): void {
    if (!this.typingSent && this.ready) {
      this.typingSent = true;
      this.socket?.emit('typing', { isTyping: true });
    }
    clearTimeout(this.typingIdle);
    this.typingIdle = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping(): void {
    clearTimeout(this.typingIdle);
    if (!this.typingSent) return;
    this.typingSent = false;
    if (this.ready) this.socket?.emit('typing', { isTyping: false });
  }

  /** Tells the team the visitor has seen everything shown (call while the panel is visible). */
  markRead(): void {
    const seq = this.store.lastSeq();
    if (!this.ready || seq <= this.lastReadSent) return;
    this.lastReadSent = seq;
    this.socket?.emit('read', { seq });
  }

  identify(input: Parameters<WidgetClientEvents['identify']>[0]): Promise<{ verified: boolean }> {
    return this.call('identify', input).then((ack) => ({ verified: (ack as { verified?: boolean }).verified === true }));
  }

  /** Merged into what the agents see; sent now if connected, and again on each new session. */
  setContext(values: Record<string, ContextValue>): void {
    Object.assign(this.context, values);
    if (this.ready) this.socket?.emit('context:set', { ...this.context });
  }

  submitPrechat(input: { name?: string; email?: string }): Promise<void> {
    this.connect();
    return this.call('prechat:submit', input).then(() => undefined);
  }

  submitCsat(input: { conversationId: string; welcome: Smiley; waiting: Smiley; answer: Smiley; comment?: string }): Promise<void> {
    return this.call('csat:submit', input).then(() => {
      if (this.csatPending === input.conversationId) this.csatPending = null;
    });
  }

  disconnect(): void {
    this.socket?.disconnect();
  }

  private onSession(session: WidgetSession): void {
    this.session = session;
    this.ready = true;
    this.connection = 'online';
    this.lastReadSent = 0;
    this.options.tokens.set(session.visitorToken);
    this.csatPending = session.csatPending;
    this.conversationStatus = session.conversation?.status ?? null;
    for (const message of this.store.reset(session.messages)) this.emitMessage(message);
    if (Object.keys(this.context).length) this.socket?.emit('context:set', { ...this.context });
    this.flush();
    this.changed();
  }

  private requestMessage(clientMessageId: string, input: Parameters<WidgetClientEvents['message:send']>[0]): void {
    this.requests.set(clientMessageId, {
      event: 'message:send',
      input,
      inflight: false,
      settle: (ack) => {
        if (ack.ok) {
          const message = (ack as unknown as { message: WidgetMessage }).message;
          if (this.store.upsert(message)) this.emitMessage(message);
        } else {
          this.failed.set(clientMessageId, input);
          this.store.setFailed(clientMessageId, true);
        }
        this.changed();
      },
    });
    this.flush();
  }

  private call(event: keyof WidgetClientEvents, input: unknown): Promise<Ack<Record<string, unknown>>> {
    return new Promise((resolve, reject) => {
      this.requests.set(newClientMessageId(), {
        event,
        input,
        inflight: false,
        settle: (ack) => (ack.ok ? resolve(ack) : reject(Object.assign(new Error(ack.error.message), { code: ack.error.code }))),
      });
      this.flush();
    });
  }

  private flush(): void {
    const socket = this.socket;
    if (!this.ready || !socket || !socket.connected) return;
    for (const [id, request] of this.requests) {
      if (request.inflight) continue;
      request.inflight = true;
      const onAck = (ack: Ack<Record<string, unknown>>): void => {
        // A late ack from before a reconnect may arrive after the resend's: settle once.
        if (this.requests.get(id) !== request) return;
        this.requests.delete(id);
        request.settle(ack);
      };
      // The event/payload pairs are checked where requests are created; socket.io's typing cannot follow the map.
      const emit = socket.emit as (this: SocketLike, event: string, input: unknown, ack: (result: Ack<Record<string, unknown>>) => void) => void;
      emit.call(socket, request.event, request.input, onAck);
    }
  }

  private clearTyping(): void {
    clearTimeout(this.typingExpiry);
    this.typing = null;
    this.changed();
  }

  private emitMessage(message: WidgetMessage): void {
    for (const listener of this.messageListeners) listener(message);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }
}
