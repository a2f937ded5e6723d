/**
 * Domain events recorded on the timeline (and the audit trail). Names are
 * `aggregate.past_tense`; the payload says what changed.
 */
export type TimelineEventType =
  | 'conversation.created'
  | 'conversation.status_changed'
  | 'conversation.handler_changed'
  | 'conversation.channel_switched'
  | 'message.received'
  | 'message.sent'
  | 'message.delivery_updated'
  | 'note.added'
  | 'customer.created'
  | 'customer.identity_added'
  | 'customer.merged'
  | 'consent.changed'
  | 'csat.recorded'
  | (string & {});

/** One entry of a customer's story: a message or an event, across conversations and channels. */
export type TimelineEntry =
  | {
      kind: 'message';
      at: Date;
      conversationId: string;
      channelId: string;
      messageId: string;
      direction: string;
      author: { kind: string; id: string | null };
      visibility: string;
      text: string;
      deliveryStatus: string;
      cursor: string;
    }
  | {
      kind: 'event';
      at: Date;
      type: TimelineEventType;
      conversationId: string | null;
      messageId: string | null;
      payload: Record<string, unknown>;
      actor: { kind: string; id: string | null };
      cursor: string;
    };
