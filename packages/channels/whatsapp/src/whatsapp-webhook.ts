import { z } from 'zod';
import type { ContentBlock, IdentityClaim } from '@parley/domain';
import type { InboundEvent, ParseResult } from '@parley/channel-sdk';

// Documented webhook payloads (WhatsApp Cloud API, "messages" field). Unknown fields are allowed
// (Meta adds them); an item that doesn't match is skipped, never the whole delivery.
const media = z
  .object({
    id: z.string().min(1).max(512),
    mime_type: z.string().max(255).optional(),
    sha256: z.string().optional(),
    caption: z.string().max(4096).optional(),
    filename: z.string().max(255).optional(),
  })
  .loose();
const messageSchema = z
  .object({
    from: z.string().regex(/^\d{5,20}$/),
    id: z.string().min(1).max(512),
    timestamp: z
      .string()
      .regex(/^\d{1,12}$/)
      .optional(),
    type: z.string().max(40),
    // WhatsApp documents 4 096 characters; the domain stores at most 20 000 per text block.
    text: z
      .object({ body: z.string().max(20_000) })
      .loose()
      .optional(),
    interactive: z
      .object({
        type: z.string(),
        button_reply: z
          .object({ id: z.string().max(256), title: z.string().max(256) })
          .loose()
          .optional(),
        list_reply: z
          .object({ id: z.string().max(256), title: z.string().max(256), description: z.string().max(1024).optional() })
          .loose()
          .optional(),
      })
      .loose()
      .optional(),
    button: z
      .object({ payload: z.string().max(2000).optional(), text: z.string().max(1024) })
      .loose()
      .optional(),
    image: media.optional(),
    document: media.optional(),
    audio: media.optional(),
    video: media.optional(),
    sticker: media.optional(),
    location: z
      .object({
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
        name: z.string().max(1024).optional(),
        address: z.string().max(1024).optional(),
        url: z.string().max(2048).optional(),
      })
      .loose()
      .optional(),
    contacts: z
      .array(
        z
          .object({
            name: z
              .object({ formatted_name: z.string().max(512) })
              .loose()
              .optional(),
            phones: z.array(z.object({ phone: z.string().max(64).optional() }).loose()).optional(),
          })
          .loose(),
      )
      .max(20)
      .optional(),
  })
  .loose();
const statusSchema = z
  .object({
    id: z.string().min(1).max(512),
    status: z.string().max(20),
    recipient_id: z.string().max(32).optional(),
    errors: z
      .array(
        z
          .object({
            code: z.number().optional(),
            title: z.string().max(1024).optional(),
            message: z.string().max(1024).optional(),
            error_data: z
              .object({ details: z.string().max(2048).optional() })
              .loose()
              .optional(),
          })
          .loose(),
      )
      .optional(),
  })
  .loose();
const changeValueSchema = z
  .object({
    metadata: z
      .object({ phone_number_id: z.string().max(64), display_phone_number: z.string().max(64).optional() })
      .loose()
      .optional(),
    contacts: z.array(z.unknown()).max(100).optional(),
    messages: z.array(z.unknown()).max(1000).optional(),
    statuses: z.array(z.unknown()).max(1000).optional(),
  })
  .loose();
const contactSchema = z
  .object({
    wa_id: z.string().max(32),
    profile: z
      .object({ name: z.string().max(512).optional() })
      .loose()
      .optional(),
  })
  .loose();
const bodySchema = z.object({
  object: z.string().optional(),
  entry: z
    .array(
      z
        .object({
          id: z.string().optional(),
          changes: z
            .array(z.object({ field: z.string().optional(), value: z.unknown() }).loose())
            .max(100)
            .optional(),
        })
        .loose(),
    )
    .max(100),
});

type WaMessage = z.infer<typeof messageSchema>;

function readJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Every `value` of a WhatsApp webhook body (`entry[].changes[].value`), with its phone number id. */
function changeValues(json: unknown): Array<z.infer<typeof changeValueSchema>> | null {
  const body = bodySchema.safeParse(json);
  if (!body.success) return null;
  const values: Array<z.infer<typeof changeValueSchema>> = [];
  for (const entry of body.data.entry) {
    for (const change of entry.changes ?? []) {
      const value = changeValueSchema.safeParse(change.value);
      if (value.success) values.push(value.data);
    }
  }
  return values;
}

/**
 * The phone number ids an app-level webhook names (`entry[].changes[].value.metadata.phone_number_id`).
 *
 * @example
 * whatsappDispatchKeys(Buffer.from(body)); // ['1234567890']
 */
export function whatsappDispatchKeys(raw: Buffer): string[] {
  const values = changeValues(readJson(raw)) ?? [];
  return [...new Set(values.map((v) => v.metadata?.phone_number_id).filter((id): id is string => typeof id === 'string' && id.length > 0))];
}

/** Google Maps link for a shared location (agents click it). */
export function mapsLink(latitude: number, longitude: number): string {
  return `https://www.google.com/maps/search/?api=1&query=${latitude},${longitude}`;
}

const MEDIA_TYPES = ['image', 'document', 'audio', 'video', 'sticker'] as const;
const DEFAULT_EXTENSION: Record<(typeof MEDIA_TYPES)[number], string> = { image: 'jpg', document: 'bin', audio: 'ogg', video: 'mp4', sticker: 'webp' };

/** Content blocks and text of one inbound message; null for types Parley doesn't record (reactions, unsupported). */
export function contentOf(message: WaMessage): { blocks: ContentBlock[]; text: string } | null {
  if (message.text) return { blocks: [{ type: 'text', text: message.text.body }], text: message.text.body };
  const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
  if (reply)
    return {
      blocks: [
        { type: 'payload', payload: reply.id },
        { type: 'text', text: reply.title },
      ],
      text: reply.title,
    };
  if (message.button) {
    const blocks: ContentBlock[] = [{ type: 'text', text: message.button.text }];
    if (message.button.payload) blocks.unshift({ type: 'payload', payload: message.button.payload });
    return { blocks, text: message.button.text };
  }
  if (message.location) {
    const { latitude, longitude, name, address } = message.location;
    const label = [name, address].filter((p): p is string => Boolean(p)).join(', ');
    const text = `📍 ${label ? `${label} ` : ''}(${latitude}, ${longitude}) ${mapsLink(latitude, longitude)}`;
    return { blocks: [{ type: 'text', text }], text };
  }
  for (const kind of MEDIA_TYPES) {
    const item = message[kind];
    if (!item) continue;
    const contentType = item.mime_type?.split(';')[0]?.trim() || 'application/octet-stream';
    const fileName = item.filename ?? `${kind}-${item.id}.${contentType.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || DEFAULT_EXTENSION[kind]}`;
    const blocks: ContentBlock[] = [{ type: 'attachment', fileName: fileName.slice(0, 255), contentType, providerMediaId: item.id }];
    if (item.caption) blocks.unshift({ type: 'text', text: item.caption });
    return { blocks, text: item.caption ?? '' };
  }
  if (message.contacts && message.contacts.length > 0) {
    const text = message.contacts.map((c) => [c.name?.formatted_name, ...(c.phones ?? []).map((p) => p.phone)].filter(Boolean).join(' ')).join('\n');
    return { blocks: [{ type: 'text', text: `👤 ${text}` }], text: `👤 ${text}` };
  }
  return null;
}

function statusEvent(status: z.infer<typeof statusSchema>): InboundEvent | null {
  if (status.status !== 'sent' && status.status !== 'delivered' && status.status !== 'read' && status.status !== 'failed') return null;
  const first = status.errors?.[0];
  const error = first
    ? `${first.code ?? ''} ${first.title ?? first.message ?? ''}${first.error_data?.details ? `: ${first.error_data.details}` : ''}`.trim()
    : undefined;
  return { kind: 'delivery_status', providerMessageId: status.id, status: status.status, ...(error ? { error } : {}) };
}

/**
 * Normalises a WhatsApp Cloud API webhook body: messages of every documented type and delivery
 * statuses, for the channel's own phone number id only (an app-level body can carry others).
 * The sender's `wa_id` is vouched for by WhatsApp: it becomes a verified `whatsapp` and `phone`
 * identity.
 *
 * @example
 * const result = parseWhatsappWebhook(rawBody, '1234567890');
 */
export function parseWhatsappWebhook(raw: Buffer, phoneNumberId: string | null): ParseResult {
  const values = changeValues(readJson(raw));
  if (!values) return { ok: false, code: 'validation_failed', message: 'Not a WhatsApp webhook body (entry[].changes[].value)' };
  const events: InboundEvent[] = [];
  for (const value of values) {
    if (phoneNumberId !== null && value.metadata?.phone_number_id !== phoneNumberId) continue;
    const names = new Map<string, string>();
    for (const c of value.contacts ?? []) {
      const contact = contactSchema.safeParse(c);
      if (contact.success && contact.data.profile?.name) names.set(contact.data.wa_id, contact.data.profile.name);
    }
    for (const m of value.messages ?? []) {
      const message = messageSchema.safeParse(m);
      if (!message.success) continue;
      const content = contentOf(message.data);
      if (!content) continue;
      const number = `+${message.data.from}`;
      const identities: IdentityClaim[] = [
        { kind: 'whatsapp', raw: number, scope: '', verified: true, provenance: 'channel' },
        { kind: 'phone', raw: number, scope: '', verified: true, provenance: 'channel' },
      ];
      const sentAt = message.data.timestamp ? new Date(Number(message.data.timestamp) * 1000) : null;
      events.push({
        kind: 'message',
        providerMessageId: message.data.id,
        identities,
        displayName: names.get(message.data.from) ?? null,
        content: { v: 1, blocks: content.blocks },
        text: content.text,
        sentAt,
      });
    }
    for (const s of value.statuses ?? []) {
      const status = statusSchema.safeParse(s);
      const event = status.success ? statusEvent(status.data) : null;
      if (event) events.push(event);
    }
  }
  return { ok: true, events };
}
