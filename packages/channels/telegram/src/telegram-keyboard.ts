import type { MessageContent } from '@parley/domain';

/** One inline keyboard button of the Bot API: a callback (≤ 64 bytes of data) or a link. */
export type InlineButton = { text: string; callback_data: string } | { text: string; url: string };

const MAX_CALLBACK_BYTES = 64;

/**
 * Text and inline keyboard for a message: buttons and quick replies become one button per row.
 * A payload longer than Telegram's 64-byte callback_data is sent as `#<n>` (its place in the
 * menu); the core maps the number back to the payload when the customer presses it.
 *
 * @example
 * telegramKeyboard(content) // → { text: 'Choose', keyboard: [[{ text: 'Track', callback_data: 'TRACK' }]] }
 */
export function telegramKeyboard(content: MessageContent): { text: string; keyboard: InlineButton[][] } {
  const lines: string[] = [];
  const keyboard: InlineButton[][] = [];
  let n = 0;
  const add = (b: { id: string; label: string; payload?: string | undefined; url?: string | undefined }) => {
    if (b.url !== undefined) {
      keyboard.push([{ text: b.label, url: b.url }]);
      return;
    }
    n += 1;
    const data = b.payload ?? b.id;
    keyboard.push([{ text: b.label, callback_data: Buffer.byteLength(data, 'utf8') <= MAX_CALLBACK_BYTES ? data : `#${n}` }]);
  };
  for (const block of content.blocks) {
    if (block.type === 'text') lines.push(block.text);
    else if (block.type === 'buttons') {
      if (block.text) lines.push(block.text);
      block.buttons.forEach(add);
    } else if (block.type === 'quick_replies') {
      if (block.text) lines.push(block.text);
      block.replies.forEach(add);
    } else if (block.type === 'cards') {
      for (const card of block.cards) {
        lines.push(card.subtitle ? `${card.title}\n${card.subtitle}` : card.title);
        (card.buttons ?? []).forEach(add);
      }
    }
  }
  return { text: lines.join('\n').trim(), keyboard };
}
