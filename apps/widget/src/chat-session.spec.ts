import type { WidgetMessage, WidgetSession } from '@parley/realtime-protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/support/fake-socket.js';
import { ChatSession } from './chat-session.js';

const CHANNEL = '7f8e6d1c-2b3a-4c5d-8e9f-0a1b2c3d4e5f';

function session(overrides: Partial<WidgetSession> = {}): WidgetSession {
  return {
    visitorToken: 'visitor-token-0123456789abcdef',
    customerId: 'cust-1',
    conversation: null,
    messages: [],
    identity: { name: null, email: null, verified: false },
    csatPending: null,
    ...overrides,
  };
}

function message(overrides: Partial<WidgetMessage> = {}): WidgetMessage {
  return {
    id: 'm1',
    conversationId: 'conv-1',
    seq: 1,
    author: { kind: 'agent', name: 'Léa' },
    blocks: [{ type: 'text', text: 'Bonjour' }],
    text: 'Bonjour',
    createdAt: '2026-01-01T00:00:00.000Z',
    status: 'sent',
    ...overrides,
  };
}

function setup(storedToken: string | null = null) {
  const socket = new FakeSocket();
  let token = storedToken;
  const auths: unknown[] = [];
  let authFn: (() => unknown) | undefined;
  const chat = new ChatSession({
    channelId: CHANNEL,
    locale: 'fr',
    tokens: { get: () => token, set: (t) => (token = t) },
    socketFactory: (auth) => {
      authFn = auth;
      return socket.asSocket();
    },
  });
  const handshake = () => {
    const value = authFn?.();
    auths.push(value);
    return value;
  };
  const up = (s: WidgetSession = session()) => {
    chat.connect();
    handshake();
    socket.serverConnect();
    socket.serve('session', s);
  };
  return { chat, socket, up, auths, token: () => token };
}

describe('ChatSession', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('connects lazily, once, and keeps the visitor token for the next handshake', () => {
    const { chat, socket, up, auths, token } = setup();
    expect(socket.connectCalls).toBe(0);
    chat.connect();
    chat.connect();
    expect(socket.connectCalls).toBe(1);
    up();
    expect(auths[0]).toEqual({ channelId: CHANNEL, locale: 'fr' });
    expect(token()).toBe('visitor-token-0123456789abcdef');
    socket.serverDisconnect();
    up();
    expect(auths[1]).toEqual({ channelId: CHANNEL, locale: 'fr', visitorToken: 'visitor-token-0123456789abcdef' });
  });

  it('shows a message at once, sends it when the session is up, and swaps the bubble for the acked message', () => {
    const { chat, socket, up } = setup();
    const clientMessageId = chat.send('  Bonjour  ');
    expect(chat.store.list()).toHaveLength(1);
    expect(chat.store.list()[0]?.local).toBe(true);
    expect(socket.calls('message:send')).toHaveLength(0);

    up();
    const [call] = socket.calls('message:send');
    expect(call?.input).toEqual({ clientMessageId, text: 'Bonjour' });
    call?.ack({ ok: true, message: message({ id: 'srv-1', author: { kind: 'customer', name: null }, clientMessageId, text: 'Bonjour' }) });

    const entries = chat.store.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ key: clientMessageId, local: false });
    expect(entries[0]?.message.id).toBe('srv-1');
  });

  it('resends an unacked message after a reconnect with the same clientMessageId, and settles once', () => {
    const { chat, socket, up } = setup();
    up();
    const clientMessageId = chat.send('Vous êtes là ?');
    const first = socket.calls('message:send')[0];
    socket.serverDisconnect();
    chat.send('Toujours là ?');
    expect(socket.calls('message:send')).toHaveLength(1);

    up();
    const resent = socket.calls('message:send');
    expect(resent).toHaveLength(3);
    expect((resent[1]?.input as { clientMessageId: string }).clientMessageId).toBe(clientMessageId);

    const acked = message({ id: 'srv-9', seq: 4, author: { kind: 'customer', name: null }, clientMessageId });
    resent[1]?.ack({ ok: true, message: acked });
    first?.ack({ ok: true, message: acked }); // the late ack of the first attempt changes nothing
    expect(chat.store.list().filter((e) => e.message.id === 'srv-9')).toHaveLength(1);
  });

  it('does not duplicate a message that arrives both live and in the ack (two tabs)', () => {
    const { chat, socket, up } = setup();
    up();
    const seen: string[] = [];
    chat.onMessage((m) => seen.push(m.id));
    const clientMessageId = chat.send('Hello');
    const confirmed = message({ id: 'srv-2', seq: 2, author: { kind: 'customer', name: null }, clientMessageId });
    socket.serve('message', confirmed);
    socket.calls('message:send')[0]?.ack({ ok: true, message: confirmed });
    expect(chat.store.list()).toHaveLength(1);
    expect(seen).toEqual(['srv-2']);
  });

  it('keeps unconfirmed messages across a new session and restores history', () => {
    const { chat, socket, up } = setup('visitor-token-0123456789abcdef');
    chat.send('pending');
    up(session({ conversation: { id: 'conv-1', status: 'open' }, messages: [message({ id: 'a', seq: 1 }), message({ id: 'b', seq: 2, text: 'deux' })] }));
    expect(chat.store.list().map((e) => e.message.id)).toEqual(['a', 'b', '']);
    expect(socket.calls('message:send')).toHaveLength(1);
  });

  it('marks a refused message as failed and retries it with the same id', () => {
    const { chat, socket, up } = setup();
    up();
    const clientMessageId = chat.send('x');
    socket.calls('message:send')[0]?.ack({ ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } });
    const entry = chat.store.list()[0]!;
    expect(chat.store.receipt(entry)).toBe('failed');
    chat.retry(clientMessageId);
    expect(chat.store.receipt(chat.store.list()[0]!)).toBe('pending');
    expect((socket.calls('message:send')[1]?.input as { clientMessageId: string }).clientMessageId).toBe(clientMessageId);
  });

  it('shows read receipts from the read event', () => {
    const { chat, socket, up } = setup();
    up(
      session({
        messages: [
          message({ id: 'c1', seq: 1, author: { kind: 'customer', name: null } }),
          message({ id: 'c2', seq: 2, author: { kind: 'customer', name: null } }),
        ],
      }),
    );
    socket.serve('read', { conversationId: 'conv-1', seq: 1 });
    const [one, two] = chat.store.list();
    expect(chat.store.receipt(one!)).toBe('read');
    expect(chat.store.receipt(two!)).toBe('sent');
    socket.serve('message:status', { conversationId: 'conv-1', messageId: 'c2', status: 'read' });
    expect(chat.store.receipt(chat.store.list()[1]!)).toBe('read');
  });

  it('queues identify until the session, then resolves with the verification result', async () => {
    const { chat, socket, up } = setup();
    const result = chat.identify({ externalId: 'u-1', email: 'a@b.c', signature: 'f'.repeat(64) });
    chat.connect();
    expect(socket.calls('identify')).toHaveLength(0);
    up();
    socket.calls('identify')[0]?.ack({ ok: true, verified: true });
    await expect(result).resolves.toEqual({ verified: true });
  });

  it('sends the context on each session and on change', () => {
    const { chat, socket, up } = setup();
    chat.setContext({ cartValue: 120 });
    chat.connect();
    up();
    chat.setContext({ page: '/checkout' });
    expect(socket.calls('context:set').map((c) => c.input)).toEqual([{ cartValue: 120 }, { cartValue: 120, page: '/checkout' }]);
  });

  it('debounces typing and stops it on send', () => {
    const { chat, socket, up } = setup();
    up();
    chat.typingInput();
    chat.typingInput();
    chat.typingInput();
    expect(socket.calls('typing').map((c) => c.input)).toEqual([{ isTyping: true }]);
    vi.advanceTimersByTime(3100);
    expect(socket.calls('typing').map((c) => c.input)).toEqual([{ isTyping: true }, { isTyping: false }]);
    chat.typingInput();
    chat.send('ok');
    expect(socket.calls('typing').map((c) => c.input)).toEqual([{ isTyping: true }, { isTyping: false }, { isTyping: true }, { isTyping: false }]);
  });

  it('shows the team typing, and forgets it when the stop event is lost', () => {
    const { chat, socket, up } = setup();
    up();
    socket.serve('typing', { conversationId: 'conv-1', author: { kind: 'agent', name: 'Léa' }, isTyping: true });
    expect(chat.typing).toEqual({ name: 'Léa', kind: 'agent' });
    vi.advanceTimersByTime(9000);
    expect(chat.typing).toBeNull();
  });

  it('emits read only for new messages', () => {
    const { chat, socket, up } = setup();
    up(session({ messages: [message({ seq: 3 })] }));
    chat.markRead();
    chat.markRead();
    socket.serve('message', message({ id: 'm2', seq: 4 }));
    chat.markRead();
    expect(socket.calls('read').map((c) => c.input)).toEqual([{ seq: 3 }, { seq: 4 }]);
  });

  it('tracks CSAT requests and clears them once answered', async () => {
    const { chat, socket, up } = setup();
    up(session({ csatPending: 'conv-0' }));
    expect(chat.csatPending).toBe('conv-0');
    socket.serve('csat:request', { conversationId: 'conv-1' });
    expect(chat.csatPending).toBe('conv-1');
    const done = chat.submitCsat({ conversationId: 'conv-1', welcome: 'good', waiting: 'neutral', answer: 'bad' });
    socket.calls('csat:submit')[0]?.ack({ ok: true });
    await done;
    expect(chat.csatPending).toBeNull();
  });

  it('sends button payloads and attachment ids', () => {
    const { chat, socket, up } = setup();
    up();
    chat.send('Oui', { payload: 'YES' });
    chat.send('', { attachmentIds: ['3f0c1a52-7a0e-4f9f-9d4c-1b2e3f4a5b6c'] });
    const inputs = socket.calls('message:send').map((c) => c.input as Record<string, unknown>);
    expect(inputs[0]).toMatchObject({ text: 'Oui', payload: 'YES' });
    expect(inputs[1]).toMatchObject({ attachmentIds: ['3f0c1a52-7a0e-4f9f-9d4c-1b2e3f4a5b6c'] });
    expect(inputs[1]).not.toHaveProperty('text');
  });
});
