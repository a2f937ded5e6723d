import type { ContentBlock, MessageContent } from '@parley/domain';
import { splitText } from '@parley/channel-sdk';

/** The `message` object of one Send API request. */
export type MetaSendMessage = Record<string, unknown>;

type Choice = { id: string; label: string; payload?: string | undefined; url?: string | undefined };

// Send API limits: 13 quick replies (title ≤ 20), 3 template buttons (title ≤ 20), 10 generic elements.
const MAX_QUICK_REPLIES = 13;
const MAX_TEMPLATE_BUTTONS = 3;
const TITLE_MAX = 20;

/** The longest text of one message: Messenger 2 000 characters, Instagram 1 000. */
export const META_TEXT_MAX = { messenger: 2000, instagram: 1000 } as const;

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function templateButton(c: Choice): Record<string, unknown> {
  return c.url
    ? { type: 'web_url', url: c.url, title: cut(c.label, TITLE_MAX) }
    : { type: 'postback', title: cut(c.label, TITLE_MAX), payload: cut(c.payload ?? c.id, 1000) };
}

/** ≤ 3 buttons → button template; more replies without links → quick replies; otherwise a numbered text. */
function choices(text: string, items: Choice[], asQuickReplies: boolean, textMax: number): MetaSendMessage {
  const body = cut(text || '…', 640);
  const hasLinks = items.some((i) => i.url);
  if ((asQuickReplies || items.length > MAX_TEMPLATE_BUTTONS) && !hasLinks && items.length <= MAX_QUICK_REPLIES) {
    return {
      text: cut(text || '…', textMax),
      quick_replies: items.map((c) => ({ content_type: 'text', title: cut(c.label, TITLE_MAX), payload: cut(c.payload ?? c.id, 1000) })),
    };
  }
  if (items.length <= MAX_TEMPLATE_BUTTONS)
    return { attachment: { type: 'template', payload: { template_type: 'button', text: body, buttons: items.map(templateButton) } } };
  return { text: cut([text, ...items.map((c, i) => `${i + 1}. ${c.label}${c.url ? ` ${c.url}` : ''}`)].filter(Boolean).join('\n'), textMax) };
}

function attachmentType(contentType: string): 'image' | 'video' | 'audio' | 'file' {
  if (contentType.startsWith('image/')) return 'image';
  if (contentType.startsWith('video/')) return 'video';
  if (contentType.startsWith('audio/')) return 'audio';
  return 'file';
}

function fromBlock(block: ContentBlock, pendingText: string, textMax: number): MetaSendMessage | null {
  switch (block.type) {
    case 'buttons':
      return choices(block.text ?? pendingText, block.buttons, false, textMax);
    case 'quick_replies':
      return choices(block.text ?? pendingText, block.replies, true, textMax);
    case 'cards':
      return {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'generic',
            elements: block.cards.map((c) => ({
              title: cut(c.title, 80),
              ...(c.subtitle ? { subtitle: cut(c.subtitle, 80) } : {}),
              ...(c.imageUrl ? { image_url: c.imageUrl } : {}),
              ...(c.buttons && c.buttons.length > 0 ? { buttons: c.buttons.slice(0, MAX_TEMPLATE_BUTTONS).map(templateButton) } : {}),
            })),
          },
        },
      };
    case 'attachment':
      return block.url ? { attachment: { type: attachmentType(block.contentType), payload: { url: block.url, is_reusable: false } } } : null;
    case 'template':
      // Meta messaging has no approved-template concept like WhatsApp: say what was meant.
      return { text: cut(`${block.name}${block.variables.length > 0 ? `: ${block.variables.join(', ')}` : ''}`, textMax) };
    default:
      return null;
  }
}

/**
 * Maps Parley content to Send API `message` objects, in order: text, quick replies or a button
 * template, a generic template for cards, attachments by URL (one request each). A text over
 * `textMax` (Messenger 2 000, Instagram 1 000) goes as consecutive messages.
 *
 * @example
 * toMetaMessages({ v: 1, blocks: [{ type: 'text', text: 'Hello' }] }, 'Hello'); // [{ text: 'Hello' }]
 */
export function toMetaMessages(content: MessageContent, fallbackText: string, textMax: number = META_TEXT_MAX.messenger): MetaSendMessage[] {
  let text = content.blocks
    .filter((b): b is Extract<ContentBlock, { type: 'text' }> => b.type === 'text')
    .map((b) => b.text)
    .join('\n')
    .trim();
  const out: MetaSendMessage[] = [];
  for (const block of content.blocks) {
    if (block.type === 'text' || block.type === 'payload') continue;
    const message = fromBlock(block, text, textMax);
    if (!message) continue;
    // Buttons and quick replies carry the text; cards and files go after it.
    if (block.type === 'buttons' || block.type === 'quick_replies') text = '';
    out.push(message);
  }
  // A text over the limit goes as consecutive messages rather than losing its end.
  if (text) out.unshift(...splitText(text, textMax).map((part) => ({ text: part })));
  if (out.length === 0 && fallbackText.trim()) out.push(...splitText(fallbackText, textMax).map((part) => ({ text: part })));
  return out;
}
