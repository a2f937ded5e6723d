import type { ContentBlock, IdentityClaim } from '@parley/domain';
import type { InboundMessageEvent, ParseResult } from '@parley/channel-sdk';
import { telegramUpdateSchema, type TelegramMessage } from './telegram-update.js';

/** Telegram's user ids are per bot as far as Parley is concerned: the scope is the bot's id. */
export const telegramScope = (botId: string): string => `telegram:${botId}`;

/** callback_data Parley generates when a button's payload is too long for Telegram's 64 bytes. */
const MENU_REF = /^#(\d{1,2})$/;
const MIME_TYPE = /^[\w.+-]{1,100}\/[\w.+-]{1,100}$/;

/**
 * Turns one Telegram Update into events: a message (text, photo, document), or a button press
 * (`callback_query`) as a message carrying the button's payload. Edited messages are ignored
 * (the original stays on the timeline). Provider ids: `{chat id}:{message id}` for messages,
 * `callback:{id}` for button presses, so a redelivered update is a duplicate.
 *
 * @example
 * parseTelegramUpdate(JSON.parse(raw), '123456')
 */
export function parseTelegramUpdate(json: unknown, botId: string): ParseResult {
  const parsed = telegramUpdateSchema.safeParse(json);
  if (!parsed.success) return { ok: false, code: 'validation_failed', message: 'The body is not a Telegram Update', details: parsed.error.issues };
  const update = parsed.data;
  const scope = telegramScope(botId);

  if (update.callback_query) {
    const query = update.callback_query;
    const data = query.data ?? '';
    const ref = MENU_REF.exec(data);
    const event: InboundMessageEvent = {
      kind: 'message',
      providerMessageId: `callback:${query.id}`,
      identities: [identityOf(query.from.id, scope)],
      displayName: nameOf(query.from),
      // A shortened reference is mapped to the real payload by the core (the conversation's last menu).
      content: { v: 1, blocks: ref ? [] : [{ type: 'payload', payload: data }] },
      text: '',
      sentAt: null,
      ...(ref?.[1] ? { menuChoice: Number(ref[1]) } : {}),
    };
    if (!ref && data.length === 0) return { ok: true, events: [] };
    return { ok: true, events: [event] };
  }

  const message = update.message;
  // Edits are not replayed as new messages: the advisor already answered the original.
  if (!message) return { ok: true, events: [] };
  if (!message.from || message.from.is_bot === true) return { ok: true, events: [] };
  const blocks = blocksOf(message);
  if (blocks.length === 0) return { ok: true, events: [] };
  const text = message.text ?? message.caption ?? '';
  const event: InboundMessageEvent = {
    kind: 'message',
    providerMessageId: `${message.chat.id}:${message.message_id}`,
    identities: [identityOf(message.from.id, scope)],
    displayName: nameOf(message.from),
    content: { v: 1, blocks },
    text,
    sentAt: dateOrNull(message.date),
  };
  return { ok: true, events: [event] };
}

function blocksOf(message: TelegramMessage): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  const text = message.text ?? message.caption;
  if (text !== undefined && text.trim().length > 0) blocks.push({ type: 'text', text });
  // Files stay at Telegram: the block keeps the file_id (getFile turns it into a download link).
  const largest = message.photo?.at(-1);
  if (largest) blocks.push(fileBlock(largest.file_id, `photo-${message.message_id}.jpg`, 'image/jpeg', largest.file_size));
  if (message.document) {
    const d = message.document;
    const contentType = d.mime_type && MIME_TYPE.test(d.mime_type) ? d.mime_type : 'application/octet-stream';
    blocks.push(fileBlock(d.file_id, (d.file_name || `document-${message.message_id}`).slice(0, 255), contentType, d.file_size));
  }
  return blocks;
}

function fileBlock(fileId: string, fileName: string, contentType: string, sizeBytes: number | undefined): ContentBlock {
  const block = { type: 'attachment' as const, fileName, contentType, providerMediaId: fileId, ...(sizeBytes !== undefined ? { sizeBytes } : {}) };
  return block;
}

/** A Bot API date (seconds) as a Date; null beyond what a Date holds. */
function dateOrNull(seconds: number): Date | null {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date;
}

function identityOf(userId: number, scope: string): IdentityClaim {
  // The secret-token header proves the update comes from Telegram, which vouches for the sender.
  return { kind: 'telegram_id', raw: String(userId), scope, verified: true, provenance: 'channel' };
}

function nameOf(user: { first_name: string; last_name?: string | undefined; username?: string | undefined }): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || 'Telegram';
}
