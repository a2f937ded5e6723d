import { z } from 'zod';
import { downloadMedia, statusFailure, type MediaFetchResult, type MediaHttpClient } from '@parley/channel-sdk';

const getFileSchema = z.object({ ok: z.literal(true), result: z.object({ file_path: z.string().min(1).max(1024), file_size: z.number().optional() }) });

/**
 * Downloads a file a user sent: `getFile` turns the `file_id` into a `file_path`, then the bytes
 * are at `{apiBaseUrl}/file/bot{token}/{file_path}`. Both URLs hold the bot token, so no error
 * message ever includes them. Telegram labels most files `application/octet-stream`: the type
 * from the update stands (the core checks it against the bytes).
 *
 * @example
 * const result = await fetchTelegramFile(http, 'https://api.telegram.org', token, fileId, 10 * 1024 * 1024);
 */
export async function fetchTelegramFile(
  http: MediaHttpClient,
  apiBaseUrl: string,
  botToken: string,
  fileId: string,
  maxBytes: number,
): Promise<MediaFetchResult> {
  const base = apiBaseUrl.replace(/\/+$/, '');
  const info = await http.request({ url: `${base}/bot${botToken}/getFile?file_id=${encodeURIComponent(fileId)}` });
  if (!info.ok) return { ok: false, retryable: info.error !== 'blocked', error: `Telegram getFile unreachable (${info.error})` };
  let json: unknown = null;
  try {
    json = JSON.parse(info.bodyText);
  } catch {
    json = null;
  }
  const failed = statusFailure(info.status, 'Telegram getFile');
  if (failed) {
    const description = (json as { description?: unknown } | null)?.description;
    return typeof description === 'string' ? { ...failed, error: `${failed.error}: ${description.slice(0, 200)}` } : failed;
  }
  const parsed = getFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, retryable: false, error: 'Telegram getFile: the answer has no file_path' };
  if (parsed.data.result.file_size !== undefined && parsed.data.result.file_size > maxBytes)
    return { ok: false, retryable: false, error: `the file is larger than ${maxBytes} bytes` };
  const path = parsed.data.result.file_path.split('/').map(encodeURIComponent).join('/');
  const file = await downloadMedia(http, `${base}/file/bot${botToken}/${path}`, {}, maxBytes, 'Telegram file download');
  return file.ok ? { ...file, contentType: null } : file;
}
