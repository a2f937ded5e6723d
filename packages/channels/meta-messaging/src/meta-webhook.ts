import { z } from 'zod';
import type { ContentBlock, IdentityClaim } from '@parley/domain';
import type { InboundEvent, ParseResult } from '@parley/channel-sdk';

/** Webhook `object` values: Messenger sends `page`, Instagram sends `instagram`. */
export const META_WEBHOOK_OBJECT = { messenger: 'page', instagram: 'instagram' } as const;

const attachmentSchema = z
  .object({
    type: z.string().max(40),
    payload: z
      .object({
        url: z.string().max(4096).optional(),
        title: z.string().max(1024).optional(),
        coordinates: z.object({ lat: z.number().min(-90).max(90), long: z.number().min(-180).max(180) }).optional(),
      })
      .loose()
      .nullish(),
  })
  .loose();
const eventSchema = z
  .object({
    sender: z.object({ id: z.string().regex(/^\d{1,40}$/) }).loose(),
    recipient: z
      .object({ id: z.string().max(40) })
      .loose()
      .optional(),
    timestamp: z.number().optional(),
    message: z
      .object({
        mid: z.string().min(1).max(512),
        text: z.string().max(20_000).optional(),
        is_echo: z.boolean().optional(),
        quick_reply: z
          .object({ payload: z.string().max(2000) })
          .loose()
          .optional(),
        attachments: z.array(attachmentSchema).max(20).optional(),
      })
      .loose()
      .optional(),
    postback: z
      .object({ mid: z.string().max(512).optional(), title: z.string().max(1024).optional(), payload: z.string().max(2000).optional() })
      .loose()
      .optional(),
    delivery: z
      .object({ mids: z.array(z.string().max(512)).max(1000).optional() })
      .loose()
      .optional(),
    read: z
      .object({ mid: z.string().max(512).optional() })
      .loose()
      .optional(),
  })
  .loose();
const bodySchema = z.object({
  object: z.string().max(40),
  entry: z.array(z.object({ id: z.string().max(40), messaging: z.array(z.unknown()).max(1000).optional() }).loose()).max(100),
});

function readBody(raw: Buffer): z.infer<typeof bodySchema> | null {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = bodySchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * The account ids an app-level webhook names (`entry[].id`), for bodies of the given `object`.
 *
 * @example
 * metaDispatchKeys(raw, 'page'); // ['1122334455']
 */
export function metaDispatchKeys(raw: Buffer, object: string): string[] {
  const body = readBody(raw);
  if (!body || body.object !== object) return [];
  return [...new Set(body.entry.map((e) => e.id).filter((id) => /^\d{1,32}$/.test(id)))];
}

/** A Meta timestamp (milliseconds) as a Date; null when absent or beyond what a Date holds. */
function dateOrNull(ms: number | undefined): Date | null {
  if (!ms) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The last path segment of a CDN URL, decoded; the raw segment when its escapes are broken. */
function fileNameOf(url: string): string {
  const segment = new URL(url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    // A URI malformed error here would fail the whole webhook for one odd file name.
    return segment;
  }
}

function mapsLink(lat: number, long: number): string {
  return `https://www.google.com/maps/search/?api=1&query=${lat},${long}`;
}

const MAX_BLOCKS = 20;

// A Map, not an object literal: an attachment `type` of "constructor" must not find Object's prototype.
const CONTENT_TYPES = new Map<string, string>([
  ['image', 'image/jpeg'],
  ['video', 'video/mp4'],
  ['audio', 'audio/mpeg'],
  ['file', 'application/octet-stream'],
]);

function messageContent(message: NonNullable<z.infer<typeof eventSchema>['message']>): { blocks: ContentBlock[]; text: string } {
  const blocks: ContentBlock[] = [];
  const texts: string[] = [];
  if (message.quick_reply) blocks.push({ type: 'payload', payload: message.quick_reply.payload });
  if (message.text) {
    blocks.push({ type: 'text', text: message.text });
    texts.push(message.text);
  }
  for (const attachment of message.attachments ?? []) {
    const coordinates = attachment.payload?.coordinates;
    if (attachment.type === 'location' && coordinates) {
      const text = `📍 ${attachment.payload?.title ? `${attachment.payload.title} ` : ''}(${coordinates.lat}, ${coordinates.long}) ${mapsLink(coordinates.lat, coordinates.long)}`;
      blocks.push({ type: 'text', text });
      texts.push(text);
      continue;
    }
    const url = attachment.payload?.url;
    if (!url || !/^https?:\/\//.test(url) || !z.url().safeParse(url).success) continue;
    const fileName = (fileNameOf(url) || attachment.type || 'attachment').slice(0, 255);
    blocks.push({ type: 'attachment', url, fileName, contentType: CONTENT_TYPES.get(attachment.type) ?? 'application/octet-stream' });
  }
  // The domain holds 20 blocks per message: a text with 20 files keeps the first ones.
  return { blocks: blocks.slice(0, MAX_BLOCKS), text: texts.join('\n') };
}

/**
 * Normalises a Messenger or Instagram webhook body (`entry[].messaging[]`): messages (text, quick
 * replies, attachments, locations), postbacks (button taps), deliveries and reads. Echoes of
 * the page's own messages are skipped. Only entries of this channel's account are read. The
 * sender id is proven by Meta: a verified PSID or IGSID scoped to the page or account.
 *
 * @example
 * const result = parseMetaWebhook(raw, { kind: 'messenger', accountId: '1122334455' });
 */
export function parseMetaWebhook(raw: Buffer, channel: { kind: 'messenger' | 'instagram'; accountId: string | null }): ParseResult {
  const body = readBody(raw);
  if (!body) return { ok: false, code: 'validation_failed', message: 'Not a Meta messaging webhook body (object, entry[].messaging[])' };
  if (body.object !== META_WEBHOOK_OBJECT[channel.kind]) return { ok: true, events: [] };
  const identityKind = channel.kind === 'messenger' ? 'messenger_psid' : 'instagram_id';
  const events: InboundEvent[] = [];
  for (const entry of body.entry) {
    if (channel.accountId !== null && entry.id !== channel.accountId) continue;
    const scope = channel.accountId ?? entry.id;
    for (const item of entry.messaging ?? []) {
      const parsed = eventSchema.safeParse(item);
      if (!parsed.success) continue;
      const event = parsed.data;
      const identities: IdentityClaim[] = [{ kind: identityKind, raw: event.sender.id, scope, verified: true, provenance: 'channel' }];
      const sentAt = dateOrNull(event.timestamp);
      if (event.message && !event.message.is_echo) {
        const content = messageContent(event.message);
        if (content.blocks.length === 0) continue;
        events.push({
          kind: 'message',
          providerMessageId: event.message.mid,
          identities,
          displayName: null,
          content: { v: 1, blocks: content.blocks },
          text: content.text,
          sentAt,
        });
      } else if (event.postback) {
        const title = event.postback.title ?? event.postback.payload ?? '';
        const blocks: ContentBlock[] = [];
        if (event.postback.payload) blocks.push({ type: 'payload', payload: event.postback.payload });
        if (title) blocks.push({ type: 'text', text: title });
        if (blocks.length === 0) continue;
        // Postbacks may lack a mid; sender + timestamp identify the tap (a replay has the same).
        const id = event.postback.mid || `postback:${event.sender.id}:${event.timestamp ?? 0}:${event.postback.payload ?? ''}`;
        events.push({ kind: 'message', providerMessageId: id.slice(0, 512), identities, displayName: null, content: { v: 1, blocks }, text: title, sentAt });
      } else if (event.delivery) {
        for (const mid of event.delivery.mids ?? []) if (mid) events.push({ kind: 'delivery_status', providerMessageId: mid, status: 'delivered' });
      } else if (event.read?.mid) {
        events.push({ kind: 'delivery_status', providerMessageId: event.read.mid, status: 'read' });
      }
    }
  }
  return { ok: true, events };
}
