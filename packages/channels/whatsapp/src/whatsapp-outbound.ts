import type { ContentBlock, MessageContent } from '@parley/domain';
import { splitText } from '@parley/channel-sdk';

/** One Graph API `messages` request body, without `messaging_product` and `to` (added at send time). */
export type WhatsappMessageBody = Record<string, unknown> & { type: string };

// Documented limits of interactive messages.
const MAX_REPLY_BUTTONS = 3;
const MAX_LIST_ROWS = 10;
const BUTTON_TITLE_MAX = 20;
const ROW_TITLE_MAX = 24;
const BODY_MAX = 1024;
/** The longest text body of one message (the adapter's manifest declares it). */
export const WHATSAPP_TEXT_MAX = 4096;
const TEXT_MAX = WHATSAPP_TEXT_MAX;

type Choice = { id: string; label: string; payload?: string | undefined; url?: string | undefined };

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function mediaType(contentType: string): 'image' | 'video' | 'audio' | 'document' {
  if (/^image\/(jpeg|png)$/.test(contentType)) return 'image';
  if (/^video\/(mp4|3gpp)$/.test(contentType)) return 'video';
  if (/^audio\//.test(contentType)) return 'audio';
  return 'document';
}

/** Reply buttons (≤ 3), a list (≤ 10 rows), or a numbered text beyond; URL buttons become links in the text. */
function choices(text: string, items: Choice[]): WhatsappMessageBody {
  const links = items.filter((i) => i.url);
  const replies = items.filter((i) => !i.url);
  const body = cut([text, ...links.map((l) => `${l.label}: ${l.url}`)].filter(Boolean).join('\n') || '…', BODY_MAX);
  const id = (c: Choice) => cut(c.payload ?? c.id, 256);
  if (replies.length === 0) return { type: 'text', text: { body, preview_url: true } };
  if (replies.length <= MAX_REPLY_BUTTONS) {
    return {
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: body },
        action: { buttons: replies.map((c) => ({ type: 'reply', reply: { id: id(c), title: cut(c.label, BUTTON_TITLE_MAX) } })) },
      },
    };
  }
  if (replies.length <= MAX_LIST_ROWS) {
    return {
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: body },
        action: {
          button: 'Choisir / Choose',
          sections: [{ title: cut(text || 'Options', ROW_TITLE_MAX), rows: replies.map((c) => ({ id: id(c), title: cut(c.label, ROW_TITLE_MAX) })) }],
        },
      },
    };
  }
  const numbered = replies.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
  return { type: 'text', text: { body: cut(`${body}\n${numbered}`, TEXT_MAX), preview_url: false } };
}

function fromBlock(block: ContentBlock, pendingText: string): WhatsappMessageBody | null {
  switch (block.type) {
    case 'template':
      return {
        type: 'template',
        template: {
          name: block.name,
          language: { code: block.language },
          ...(block.variables.length > 0 ? { components: [{ type: 'body', parameters: block.variables.map((text) => ({ type: 'text', text })) }] } : {}),
        },
      };
    case 'buttons':
      return choices(block.text ?? pendingText, block.buttons);
    case 'quick_replies':
      return choices(block.text ?? pendingText, block.replies);
    case 'cards': {
      // WhatsApp has no carousel for free-form messages: one text, links included.
      const text = block.cards
        .map((c) =>
          [`*${c.title}*`, c.subtitle, c.imageUrl, ...(c.buttons ?? []).map((b) => (b.url ? `${b.label}: ${b.url}` : `• ${b.label}`))]
            .filter(Boolean)
            .join('\n'),
        )
        .join('\n\n');
      return { type: 'text', text: { body: cut(text, TEXT_MAX), preview_url: true } };
    }
    case 'attachment': {
      if (!block.url && !block.providerMediaId) return null;
      const kind = mediaType(block.contentType);
      const source = block.providerMediaId ? { id: block.providerMediaId } : { link: block.url };
      const caption = pendingText && kind !== 'audio' ? { caption: cut(pendingText, BODY_MAX) } : {};
      return { type: kind, [kind]: { ...source, ...caption, ...(kind === 'document' ? { filename: block.fileName } : {}) } };
    }
    default:
      return null;
  }
}

function textMessages(text: string): WhatsappMessageBody[] {
  return splitText(text, TEXT_MAX).map((body) => ({ type: 'text', text: { body, preview_url: true } }));
}

/**
 * Maps Parley content to WhatsApp Cloud API message bodies, in order: text, reply buttons or a
 * list, media by link (the first one takes the text as caption), approved templates. Usually one
 * request; a text followed by several files makes several, and a text over 4 096 characters goes
 * as consecutive text messages.
 *
 * @example
 * toWhatsappMessages({ v: 1, blocks: [{ type: 'text', text: 'Bonjour' }] }, 'Bonjour');
 * // [{ type: 'text', text: { body: 'Bonjour', preview_url: true } }]
 */
export function toWhatsappMessages(content: MessageContent, fallbackText: string): WhatsappMessageBody[] {
  const out: WhatsappMessageBody[] = [];
  let text = content.blocks
    .filter((b): b is Extract<ContentBlock, { type: 'text' }> => b.type === 'text')
    .map((b) => b.text)
    .join('\n')
    .trim();
  const template = content.blocks.find((b) => b.type === 'template');
  // A template goes alone: outside the window anything else would be refused.
  if (template) return [fromBlock(template, '') as WhatsappMessageBody];
  for (const block of content.blocks) {
    if (block.type === 'text' || block.type === 'payload') continue;
    const body = fromBlock(block, text);
    if (!body) continue;
    // The text was used as the body or caption of this message.
    if (block.type !== 'cards' && !(block.type === 'attachment' && mediaType(block.contentType) === 'audio')) text = '';
    out.push(body);
  }
  // A text over WhatsApp's limit goes as consecutive messages rather than losing its end.
  if (text) out.unshift(...textMessages(text));
  if (out.length === 0 && fallbackText.trim()) out.push(...textMessages(fallbackText));
  return out;
}
