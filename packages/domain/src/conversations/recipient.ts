/**
 * The address a conversation is delivered to on one channel, when an agent chose it (a channel
 * switch with a phone number or email collected in the conversation). Adapters get the
 * customer's identities with this one first.
 */
export interface ConversationRecipient {
  channelId: string;
  kind: string;
  value: string;
}

/** Storage for chosen recipients and the channel facts a channel switch checks. */
export interface ConversationRecipientRepository {
  /** Remembers the address for (conversation, channel); a later choice replaces it. */
  set(workspaceId: string, conversationId: string, recipient: ConversationRecipient, at: Date): Promise<void>;
  get(workspaceId: string, conversationId: string, channelId: string): Promise<ConversationRecipient | null>;
  /** When these customers last wrote on this channel (any conversation); null if never. */
  lastInboundAt(workspaceId: string, customerIds: string[], channelId: string): Promise<Date | null>;
}
