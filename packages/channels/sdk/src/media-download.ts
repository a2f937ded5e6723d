import type { MediaFetchResult } from './channel-adapter.js';

/**
 * The part of `@parley/http-outbound`'s client a media download uses (the SDK does not depend on
 * the driver; adapters pass their guarded client, which fits this shape).
 */
export interface MediaHttpClient {
  request(request: {
    url: string;
    headers?: Record<string, string>;
    maxBodyBytes?: number;
  }): Promise<{ ok: true; status: number; headers: Record<string, string>; bodyText: string; body?: Buffer } | { ok: false; error: string; message: string }>;
}

/**
 * GETs a provider's file with a body cap of `maxBytes` and sorts the outcome: a 2xx gives the
 * bytes and the declared type; 5xx, 429 and network failures are worth retrying; a file over the
 * cap, a blocked host and other 4xx are not. `label` names the provider in errors: never put the
 * URL there (Telegram's carries the bot token).
 *
 * @example
 * const result = await downloadMedia(http, url, { authorization: `Bearer ${token}` }, 10 * 1024 * 1024, 'WhatsApp media');
 */
export async function downloadMedia(
  http: MediaHttpClient,
  url: string,
  headers: Record<string, string>,
  maxBytes: number,
  label: string,
): Promise<MediaFetchResult> {
  const response = await http.request({ url, headers, maxBodyBytes: maxBytes });
  if (!response.ok) {
    if (response.error === 'too_large') return { ok: false, retryable: false, error: `the file is larger than ${maxBytes} bytes` };
    if (response.error === 'blocked') return { ok: false, retryable: false, error: `${label}: the download host is not allowed (${response.message})` };
    return { ok: false, retryable: true, error: `${label}: ${response.error}` };
  }
  return (
    statusFailure(response.status, label) ?? {
      ok: true,
      data: response.body ?? Buffer.from(response.bodyText, 'utf8'),
      contentType: response.headers['content-type'] ?? null,
    }
  );
}

/**
 * The failure an HTTP status means for a media call, or null for a 2xx.
 *
 * @example
 * statusFailure(503, 'Telegram getFile') // → { ok: false, retryable: true, error: 'Telegram getFile answered HTTP 503' }
 */
export function statusFailure(status: number, label: string): Extract<MediaFetchResult, { ok: false }> | null {
  if (status >= 200 && status < 300) return null;
  return { ok: false, retryable: status >= 500 || status === 429 || status === 408, error: `${label} answered HTTP ${status}` };
}
