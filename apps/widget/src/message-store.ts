import type { WidgetMessage } from '@parley/realtime-protocol';

/** A message in the list: confirmed by the server, or optimistic (`local`) until its ack. */
export interface Entry {
  /** Stable across the optimistic → confirmed swap (clientMessageId when there is one). */
  key: string;
  message: WidgetMessage;
  local: boolean;
  failed: boolean;
}

// Optimistic messages have no seq yet: they sort after everything the server numbered.
const UNNUMBERED = Number.MAX_SAFE_INTEGER;

/**
 * The visitor's conversation as shown: merges the session's history, live messages, acks and
 * optimistic bubbles, without duplicates (several tabs, resent messages, late acks).
 * @example store.addLocal('c1', 'Bonjour'); store.upsert(ackedMessage) // same key, now confirmed
 */
export class MessageStore {
  private entries: Entry[] = [];
  /** Highest seq the team has read (the `read` event). */
  readSeq = 0;

  list(): readonly Entry[] {
    return this.entries;
  }

  /** The highest seq the server gave, 0 when none. */
  lastSeq(): number {
    return this.entries.reduce((max, e) => (e.local ? max : Math.max(max, e.message.seq)), 0);
  }

  addLocal(clientMessageId: string, text: string, conversationId = ''): Entry {
    const entry: Entry = {
      key: clientMessageId,
      local: true,
      failed: false,
      message: {
        id: '',
        conversationId,
        seq: UNNUMBERED,
        author: { kind: 'customer', name: null },
        blocks: text ? [{ type: 'text', text }] : [],
        text,
        createdAt: new Date().toISOString(),
        status: 'pending',
        clientMessageId,
      },
    };
    this.entries.push(entry);
    return entry;
  }

  /** Adds or replaces a server message; returns true when the server confirms it for the first time. */
  upsert(message: WidgetMessage): boolean {
    const index = this.entries.findIndex(
      (e) => (message.id && e.message.id === message.id) || (message.clientMessageId !== undefined && e.message.clientMessageId === message.clientMessageId),
    );
    const existing = index >= 0 ? this.entries[index] : undefined;
    const entry: Entry = { key: existing?.key ?? message.clientMessageId ?? message.id, message, local: false, failed: false };
    if (existing) this.entries[index] = entry;
    else this.entries.push(entry);
    this.sort();
    return !existing || existing.local;
  }

  /** A new session (connect or reconnect): the server's history, plus what is still unconfirmed. */
  reset(messages: WidgetMessage[]): WidgetMessage[] {
    const pending = this.entries.filter((e) => e.local);
    const known = new Set(this.entries.filter((e) => !e.local).map((e) => e.message.id));
    this.entries = [];
    const fresh: WidgetMessage[] = [];
    for (const message of messages) if (this.upsert(message) && !known.has(message.id)) fresh.push(message);
    for (const entry of pending) {
      const confirmed = this.entries.some((e) => e.message.clientMessageId === entry.key);
      if (!confirmed) this.entries.push(entry);
    }
    return fresh;
  }

  setStatus(messageId: string, status: WidgetMessage['status']): boolean {
    const entry = this.entries.find((e) => e.message.id === messageId);
    if (!entry) return false;
    entry.message = { ...entry.message, status };
    return true;
  }

  markRead(seq: number): void {
    this.readSeq = Math.max(this.readSeq, seq);
  }

  setFailed(clientMessageId: string, failed: boolean): void {
    const entry = this.entries.find((e) => e.local && e.key === clientMessageId);
    if (entry) entry.failed = failed;
  }

  /** ✓ or ✓✓ for the visitor's own messages. */
  receipt(entry: Entry): 'pending' | 'failed' | 'sent' | 'read' | null {
    if (entry.message.author.kind !== 'customer') return null;
    if (entry.failed || entry.message.status === 'failed') return 'failed';
    if (entry.local) return 'pending';
    if (entry.message.status === 'read' || entry.message.seq <= this.readSeq) return 'read';
    return 'sent';
  }

  private sort(): void {
    // Array.prototype.sort is stable: optimistic messages keep their order.
    this.entries.sort((a, b) => a.message.seq - b.message.seq);
  }
}
