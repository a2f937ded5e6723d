import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationListItem, Message } from '../api/types.js';
import { applyMessageCreated, markRead, upsertConversations, upsertListItems, visibleItems, type ListState } from './conversation-list.js';
import { mergeMessages, setDeliveryStatus } from './thread-messages.js';

const conv = (id: string, over: Partial<Conversation> = {}): Conversation => ({
  id,
  customerId: `cust-${id}`,
  channelId: 'ch',
  topic: 'default',
  status: 'open',
  handler: { kind: 'none', id: null },
  lastSeq: 1,
  lastMessageAt: '2024-05-01T10:00:00.000Z',
  snoozedUntil: null,
  resolvedAt: null,
  createdAt: '2024-05-01T09:00:00.000Z',
  updatedAt: '2024-05-01T10:00:00.000Z',
  ...over,
});

const msg = (seq: number, over: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  conversationId: 'a',
  seq,
  channelId: 'ch',
  direction: 'inbound',
  author: { kind: 'customer', id: 'cust-a' },
  visibility: 'public',
  content: { v: 1, blocks: [{ type: 'text', text: `hello ${seq}` }] },
  text: `hello ${seq}`,
  deliveryStatus: 'received',
  createdAt: `2024-05-01T10:0${seq}:00.000Z`,
  ...over,
});

describe('conversation list', () => {
  it('orders by last activity, newest first, and filters by status', () => {
    const state = upsertConversations({}, [
      conv('a', { lastMessageAt: '2024-05-01T10:00:00.000Z' }),
      conv('b', { lastMessageAt: '2024-05-01T11:00:00.000Z' }),
      conv('c', { lastMessageAt: '2024-05-01T12:00:00.000Z', status: 'resolved' }),
      conv('d', { lastMessageAt: '2024-05-01T09:00:00.000Z', status: 'snoozed' }),
    ]);
    expect(visibleItems(state, 'open').map((i) => i.conversation.id)).toEqual(['b', 'a']);
    expect(visibleItems(state, 'resolved').map((i) => i.conversation.id)).toEqual(['c']);
    expect(visibleItems(state, 'pending').map((i) => i.conversation.id)).toEqual(['d']);
    expect(visibleItems(state, 'all').map((i) => i.conversation.id)).toEqual(['c', 'b', 'a', 'd']);
  });

  it('moves a conversation to the top on message:created and counts unread customer messages', () => {
    let state: ListState = upsertConversations({}, [
      conv('a', { lastMessageAt: '2024-05-01T08:00:00.000Z' }),
      conv('b', { lastMessageAt: '2024-05-01T09:00:00.000Z' }),
    ]);
    const result = applyMessageCreated(state, { conversationId: 'a', message: msg(2, { createdAt: '2024-05-01T10:00:00.000Z' }) }, null);
    expect(result.known).toBe(true);
    state = result.state;
    expect(visibleItems(state, 'open').map((i) => i.conversation.id)).toEqual(['a', 'b']);
    expect(state.a).toMatchObject({ unread: 1, preview: { text: 'hello 2', authorKind: 'customer' } });
    expect(state.a?.conversation.lastSeq).toBe(2);
  });

  it('does not count the active conversation, agent messages, notes, or a replayed event', () => {
    let state: ListState = upsertConversations({}, [conv('a')]);
    state = applyMessageCreated(state, { conversationId: 'a', message: msg(2) }, 'a').state;
    state = applyMessageCreated(state, { conversationId: 'a', message: msg(3, { author: { kind: 'agent', id: 'u' }, direction: 'outbound' }) }, null).state;
    state = applyMessageCreated(state, { conversationId: 'a', message: msg(4, { visibility: 'note' }) }, null).state;
    expect(state.a?.unread).toBe(0);
    state = applyMessageCreated(state, { conversationId: 'a', message: msg(5) }, null).state;
    const replay = applyMessageCreated(state, { conversationId: 'a', message: msg(5) }, null);
    expect(replay.state.a?.unread).toBe(1);
    expect(markRead(replay.state, 'a').a?.unread).toBe(0);
  });

  it('reports unknown conversations so the caller can fetch them (new ones appear without reload)', () => {
    const result = applyMessageCreated({}, { conversationId: 'new', message: msg(1) }, null);
    expect(result.known).toBe(false);
    const state = upsertConversations(result.state, [conv('new', { lastMessageAt: '2024-05-02T00:00:00.000Z' }), conv('old')]);
    expect(visibleItems(state, 'open')[0]?.conversation.id).toBe('new');
  });

  it('keeps preview and unread when a REST page replaces a conversation, and ignores stale pages', () => {
    let state: ListState = upsertConversations({}, [conv('a')]);
    state = applyMessageCreated(state, { conversationId: 'a', message: msg(2) }, null).state;
    state = upsertConversations(state, [conv('a', { lastSeq: 2, status: 'pending', updatedAt: '2024-05-01T10:05:00.000Z' })]);
    expect(state.a).toMatchObject({ unread: 1, conversation: { status: 'pending' } });
    const stale = upsertConversations(state, [conv('a', { status: 'open', lastSeq: 1, updatedAt: '2024-05-01T09:59:00.000Z' })]);
    expect(stale.a?.conversation.status).toBe('pending');
  });

  it('takes the preview and unread count from a list page, unless the read marker covers the last message', () => {
    const item = (id: string, over: Partial<ConversationListItem> = {}): ConversationListItem => ({
      ...conv(id, { lastSeq: 3 }),
      customer: { id: `cust-${id}`, name: 'Camille' },
      lastMessage: { text: 'hello 3', authorKind: 'agent', visibility: 'public', seq: 3, at: '2024-05-01T10:03:00.000Z' },
      unread: 2,
      ...over,
    });
    const markers: Record<string, number> = { b: 3 };
    const state = upsertListItems({}, [item('a'), item('b'), item('c', { lastSeq: 0, lastMessage: null, unread: 0 })], (id) => markers[id] ?? 0);
    expect(state.a).toMatchObject({ preview: { text: 'hello 3', authorKind: 'agent', visibility: 'public', at: '2024-05-01T10:03:00.000Z' }, unread: 2 });
    expect(state.a?.conversation).not.toHaveProperty('customer');
    expect(state.b?.unread).toBe(0);
    expect(state.c).toMatchObject({ preview: null, unread: 0 });
    // A live message newer than the page wins over the page.
    const live = applyMessageCreated(state, { conversationId: 'a', message: msg(4, { createdAt: '2024-05-01T10:04:00.000Z' }) }, null).state;
    const afterStalePage = upsertListItems(live, [item('a')], () => 0);
    expect(afterStalePage.a).toMatchObject({ unread: 3, preview: { text: 'hello 4' }, conversation: { lastSeq: 4 } });
  });
});

describe('thread messages', () => {
  it('merges by id, orders by seq and never rolls a delivery status back', () => {
    const a = mergeMessages([msg(2)], [msg(1), msg(3, { author: { kind: 'agent', id: 'u' }, deliveryStatus: 'pending', id: 'r' })]);
    expect(a.map((m) => m.seq)).toEqual([1, 2, 3]);
    const delivered = setDeliveryStatus(a, 'r', 'delivered');
    expect(delivered.find((m) => m.id === 'r')?.deliveryStatus).toBe('delivered');
    const refetched = mergeMessages(delivered, [msg(3, { id: 'r', author: { kind: 'agent', id: 'u' }, deliveryStatus: 'sent' })]);
    expect(refetched.find((m) => m.id === 'r')?.deliveryStatus).toBe('delivered');
    expect(setDeliveryStatus(refetched, 'r', 'sent').find((m) => m.id === 'r')?.deliveryStatus).toBe('delivered');
    expect(setDeliveryStatus(refetched, 'r', 'failed').find((m) => m.id === 'r')?.deliveryStatus).toBe('failed');
  });
});
