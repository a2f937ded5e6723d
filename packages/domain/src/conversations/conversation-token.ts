/**
 * A short, stable token naming a conversation in places a customer can see and send back, like
 * an email subject (`Re: Commande [#3f9c0a71b2]`). It is the tail of the conversation id (the
 * random part of a UUIDv7), so it needs no column; it only ever selects among one customer's
 * own conversations, which is why 10 hex digits are plenty and guessing one gains nothing.
 *
 * @example
 * conversationToken('01890a5d-ac96-774b-bcce-b302099a8057') // → '02099a8057'
 */
export function conversationToken(conversationId: string): string {
  return conversationId.replace(/-/g, '').toLowerCase().slice(-10);
}

/** Whether `token` names this conversation. */
export function matchesConversationToken(conversationId: string, token: string): boolean {
  return token.length === 10 && conversationToken(conversationId) === token.toLowerCase();
}
