import { z } from 'zod';

// Message content is a versioned list of blocks so that channels with fewer capabilities can
// degrade (buttons → numbered list on SMS) without losing what was meant.
const button = z.object({
  id: z.string().min(1).max(128),
  label: z.string().min(1).max(200),
  payload: z.string().max(2000).optional(),
  url: z.url().optional(),
});

export const contentBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().max(20_000) }),
  z.object({ type: z.literal('buttons'), text: z.string().max(2000).optional(), buttons: z.array(button).min(1).max(13) }),
  z.object({ type: z.literal('quick_replies'), text: z.string().max(2000).optional(), replies: z.array(button).min(1).max(13) }),
  z.object({
    type: z.literal('cards'),
    cards: z
      .array(
        z.object({
          title: z.string().min(1).max(200),
          subtitle: z.string().max(500).optional(),
          imageUrl: z.url().optional(),
          buttons: z.array(button).max(3).optional(),
        }),
      )
      .min(1)
      .max(10),
  }),
  z.object({
    type: z.literal('attachment'),
    attachmentId: z.string().optional(),
    url: z.url().optional(),
    fileName: z.string().max(255),
    contentType: z.string().max(255),
    sizeBytes: z.number().int().nonnegative().optional(),
    /** The provider's id for the media (a WhatsApp media id) when the bytes stay at the provider. */
    providerMediaId: z.string().max(512).optional(),
    /** Set when the provider's bytes could not be fetched (too large, a refused type, the provider failing): why. */
    unavailable: z.string().max(500).optional(),
  }),
  z.object({ type: z.literal('payload'), payload: z.string().max(2000) }),
  // An approved provider template (WhatsApp): the only thing a business may send outside the
  // customer-service window. Variables fill {{1}}, {{2}}… in order.
  z.object({
    type: z.literal('template'),
    name: z.string().min(1).max(512),
    language: z.string().min(2).max(15),
    variables: z.array(z.string().max(1024)).max(20).default([]),
  }),
  // An email as received: the text block beside it shows the reply without quotes and signature,
  // this keeps what was sent (the whole text, and the HTML already sanitized) for "show original".
  z.object({
    type: z.literal('email'),
    subject: z.string().max(998),
    html: z.string().max(500_000).optional(),
    original: z.string().max(200_000),
    /** Attachments the policy refused: the message is kept, the file is not. */
    refused: z
      .array(z.object({ fileName: z.string().max(255), reason: z.string().max(500) }))
      .max(50)
      .optional(),
    /** SPF/DKIM/DMARC as the operator's own mail server recorded them (its Authentication-Results header). */
    authentication: z
      .object({
        authservId: z.string().max(253),
        spf: z.string().max(32).optional(),
        dkim: z.string().max(32).optional(),
        dmarc: z.string().max(32).optional(),
        header: z.string().max(2000),
      })
      .optional(),
  }),
]);

export type ContentBlock = z.infer<typeof contentBlockSchema>;

export const messageContentSchema = z.object({ v: z.literal(1), blocks: z.array(contentBlockSchema).max(20) });
export type MessageContent = z.infer<typeof messageContentSchema>;

/** Plain text of a content, for search, previews and channels that only carry text. */
export function plainTextOf(content: MessageContent): string {
  const parts: string[] = [];
  for (const block of content.blocks) {
    if (block.type === 'text') parts.push(block.text);
    else if (block.type === 'buttons' || block.type === 'quick_replies') {
      if (block.text) parts.push(block.text);
    } else if (block.type === 'cards') parts.push(block.cards.map((c) => c.title).join(' / '));
    else if (block.type === 'attachment') parts.push(`[${block.fileName}]`);
    else if (block.type === 'template') parts.push(`[template ${block.name}${block.variables.length > 0 ? `: ${block.variables.join(', ')}` : ''}]`);
  }
  return parts.join('\n');
}

export function textContent(text: string): MessageContent {
  return { v: 1, blocks: [{ type: 'text', text }] };
}
