import type { OutboundRequestContext } from '@parley/channel-sdk';
import type { EmailChannelConfig } from './email-config.js';
import { outboundMessageId, replySubject } from './message-ids.js';
import type { OutgoingEmail } from './smtp-sender.js';

/**
 * The email for an agent's reply: To the customer's address, In-Reply-To the last message of
 * the thread and References the thread, subject "Re: <their subject> [#token]", text plus a
 * simple HTML version, and a Message-ID derived from the message id (stable across retries).
 * Returns an error string when the customer has no address to write to.
 *
 * @example
 * const mail = buildReply(context, config);
 */
export function buildReply(context: OutboundRequestContext, config: EmailChannelConfig, attached: AttachedFile[] = []): OutgoingEmail | { error: string } {
  const to = pickRecipient(context);
  if (!to) return { error: 'the customer has no email address' };
  const thread = context.thread?.messages ?? [];
  const lastInbound = [...thread].reverse().find((m) => m.direction === 'inbound');
  const subjectSource = [...thread]
    .reverse()
    .map((m) => m.content.blocks.find((b) => b.type === 'email'))
    .find((b) => b !== undefined);
  const token = context.thread?.conversationToken ?? context.conversationId.replace(/-/g, '').slice(-10);
  const fromAddress = config.outbound.from ?? config.address;
  const text = textOf(context, new Set(attached.map((a) => a.attachmentId)));
  return {
    from: { name: config.displayName || context.channel.name, address: fromAddress },
    to,
    subject: replySubject(subjectSource?.type === 'email' ? subjectSource.subject : null, token, config.displayName || context.channel.name),
    text,
    html: simpleHtml(text),
    messageId: outboundMessageId(context.message.id, fromAddress),
    inReplyTo: lastInbound?.providerMessageId ?? thread.at(-1)?.providerMessageId ?? null,
    references: thread.map((m) => m.providerMessageId).filter((id) => id.length > 0),
    ...(attached.length > 0 ? { attachments: attached.map(({ fileName, contentType, data }) => ({ fileName, contentType, data })) } : {}),
  };
}

/** A stored file of the reply that travels as a MIME part. */
export interface AttachedFile {
  attachmentId: string;
  fileName: string;
  contentType: string;
  data: Buffer;
}

/**
 * The reply's stored files that fit in `maxTotalBytes` together, in order, loaded through the
 * core; a file that would overflow the cap (or cannot be read) stays a signed link in the text.
 *
 * @example
 * const attached = await filesToAttach(context, 10 * 1024 * 1024);
 */
export async function filesToAttach(context: OutboundRequestContext, maxTotalBytes: number): Promise<AttachedFile[]> {
  const load = context.loadAttachment;
  if (!load || maxTotalBytes <= 0) return [];
  const out: AttachedFile[] = [];
  let total = 0;
  for (const block of context.message.content.blocks) {
    if (block.type !== 'attachment' || !block.attachmentId) continue;
    // The declared size spares reading a file that cannot fit anyway.
    if (block.sizeBytes !== undefined && total + block.sizeBytes > maxTotalBytes) continue;
    const file = await load(block.attachmentId);
    if (!file || total + file.data.length > maxTotalBytes) continue;
    total += file.data.length;
    out.push({ attachmentId: block.attachmentId, fileName: file.fileName, contentType: file.contentType, data: file.data });
  }
  return out;
}

function pickRecipient(context: OutboundRequestContext): string | null {
  return context.customer.identities.find((i) => i.kind === 'email')?.value ?? null;
}

function textOf(context: OutboundRequestContext, attached: ReadonlySet<string>): string {
  const lines = [context.message.text];
  for (const b of context.message.content.blocks)
    if (b.type === 'attachment' && b.url && !(b.attachmentId && attached.has(b.attachmentId))) lines.push(`${b.fileName}: ${b.url}`);
  return lines.filter((l) => l.length > 0).join('\n\n');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Paragraphs and line breaks: what a plain reply needs, nothing a spam filter frowns at. */
export function simpleHtml(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html><body>${paragraphs.join('')}</body></html>`;
}
