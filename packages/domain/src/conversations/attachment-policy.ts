/**
 * Which files may be attached, checked on the bytes, not on what the client claims: a
 * "picture" that is really an HTML page must not be stored and served back.
 */
const SIGNATURES: Array<{ type: string; test: (b: Buffer) => boolean }> = [
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', test: (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a' },
  { type: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { type: 'application/pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

export const ALLOWED_ATTACHMENT_TYPES = [...SIGNATURES.map((s) => s.type), 'text/plain'] as const;

export type AttachmentCheck = { ok: true; contentType: string } | { ok: false; reason: string };

/**
 * Accepts a file when its declared type is allowed, its bytes match that type, and it fits.
 *
 * @example
 * checkAttachment(Buffer.from('%PDF-1.7…'), 'application/pdf', 10 * 1024 * 1024) // → { ok: true, contentType: 'application/pdf' }
 */
export function checkAttachment(data: Buffer, declaredType: string, maxBytes: number): AttachmentCheck {
  const type = declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (data.length === 0) return { ok: false, reason: 'the file is empty' };
  if (data.length > maxBytes) return { ok: false, reason: `the file is larger than ${maxBytes} bytes` };
  if (type === 'text/plain') {
    // Plain text only: no NUL bytes and valid UTF-8.
    if (data.includes(0) || Buffer.from(data.toString('utf8'), 'utf8').length !== data.length) return { ok: false, reason: 'text/plain must be UTF-8 text' };
    return { ok: true, contentType: 'text/plain; charset=utf-8' };
  }
  const signature = SIGNATURES.find((s) => s.type === type);
  if (!signature) return { ok: false, reason: `type ${type || '(none)'} is not allowed; allowed: ${ALLOWED_ATTACHMENT_TYPES.join(', ')}` };
  if (!signature.test(data)) return { ok: false, reason: `the bytes are not a ${type} file` };
  return { ok: true, contentType: type };
}

/** A file name safe to show and to put in a Content-Disposition header. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_').trim().slice(0, 200);
  return cleaned.length > 0 ? cleaned : 'file';
}
