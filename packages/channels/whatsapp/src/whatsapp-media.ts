import { z } from 'zod';
import { downloadMedia, statusFailure, type MediaFetchResult, type MediaHttpClient } from '@parley/channel-sdk';
import { graphUrl } from '@parley/meta-graph';
import type { WhatsappConfig } from './whatsapp-config.js';

// `GET /{version}/{media-id}` answers where the bytes are (a short-lived lookaside URL); the
// size may come as a string or a number depending on the API version.
const mediaInfoSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  mime_type: z.string().max(255).optional(),
  file_size: z.union([z.number(), z.string().regex(/^\d+$/)]).optional(),
});

/**
 * Downloads an inbound WhatsApp media: its metadata from the Graph API, then the bytes from the
 * URL it names, both with the channel's Bearer token (the lookaside URL needs it too). A declared
 * size over `maxBytes` is refused before the download.
 *
 * @example
 * const result = await fetchWhatsappMedia(http, config, token, 'media-123', 10 * 1024 * 1024);
 */
export async function fetchWhatsappMedia(
  http: MediaHttpClient,
  config: WhatsappConfig,
  accessToken: string,
  mediaId: string,
  maxBytes: number,
): Promise<MediaFetchResult> {
  const auth = { authorization: `Bearer ${accessToken}` };
  const info = await http.request({
    url: `${graphUrl(config, encodeURIComponent(mediaId))}?phone_number_id=${encodeURIComponent(config.phoneNumberId)}`,
    headers: auth,
  });
  if (!info.ok) return { ok: false, retryable: info.error !== 'blocked', error: `WhatsApp media lookup: ${info.error}` };
  const failed = statusFailure(info.status, 'WhatsApp media lookup');
  if (failed) return failed;
  let json: unknown = null;
  try {
    json = JSON.parse(info.bodyText);
  } catch {
    json = null;
  }
  const parsed = mediaInfoSchema.safeParse(json);
  if (!parsed.success) return { ok: false, retryable: false, error: 'WhatsApp media lookup: the answer has no download URL' };
  if (parsed.data.file_size !== undefined && Number(parsed.data.file_size) > maxBytes)
    return { ok: false, retryable: false, error: `the file is larger than ${maxBytes} bytes` };
  const file = await downloadMedia(http, parsed.data.url, auth, maxBytes, 'WhatsApp media download');
  return file.ok ? { ...file, contentType: parsed.data.mime_type ?? file.contentType } : file;
}
