import { z } from 'zod';
import { isHostAllowed, assertOutboundUrlAllowed, type OutboundHttp } from '@parley/http-outbound';
import type { SendResult } from '@parley/channel-sdk';

/** Meta's Graph API host; a channel's `apiBaseUrl` overrides it (a proxy, an emulator). */
export const GRAPH_API_BASE_URL = 'https://graph.facebook.com';
export const GRAPH_API_VERSION = 'v21.0';

/** Config fields every Meta channel shares (`apiBaseUrl`, `apiVersion`). */
export const graphLocationSchema = {
  /** Where the Graph API is; its host must be in PARLEY_OUTBOUND_ALLOW_HOSTS. Default https://graph.facebook.com. */
  apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Graph API version in request paths, e.g. v21.0. */
  apiVersion: z
    .string()
    .regex(/^v\d{1,3}\.\d{1,2}$/)
    .optional(),
};

/**
 * Checks an `apiBaseUrl` override: the host must be one the operator allowed
 * (`PARLEY_OUTBOUND_ALLOW_HOSTS`), so that a workspace admin can never send the channel's token
 * to a host of their choosing; it must also pass the SSRF guard. Returns an error message or null.
 *
 * @example
 * const problem = await checkApiBaseUrl(config.apiBaseUrl, allowHosts);
 */
export async function checkApiBaseUrl(apiBaseUrl: string | undefined, allowHosts: readonly string[]): Promise<string | null> {
  if (apiBaseUrl === undefined) return null;
  const url = new URL(apiBaseUrl);
  if (!isHostAllowed(url.hostname, allowHosts)) return `config.apiBaseUrl: host "${url.hostname}" is not in PARLEY_OUTBOUND_ALLOW_HOSTS`;
  await assertOutboundUrlAllowed(url, allowHosts);
  return null;
}

/** `{apiBaseUrl}/{version}/{path}` without doubled slashes. */
export function graphUrl(config: { apiBaseUrl?: string | undefined; apiVersion?: string | undefined }, path: string): string {
  const base = (config.apiBaseUrl ?? GRAPH_API_BASE_URL).replace(/\/+$/, '');
  return `${base}/${config.apiVersion ?? GRAPH_API_VERSION}/${path.replace(/^\/+/, '')}`;
}

const graphErrorSchema = z.object({
  error: z.object({ message: z.string().optional(), type: z.string().optional(), code: z.number().optional(), error_subcode: z.number().optional() }).loose(),
});

// Graph error codes that mean "slow down / try later" even when the HTTP status is 4xx.
const THROTTLING_CODES = new Set([4, 17, 32, 613, 80007, 130429, 131048, 131056]);

/**
 * POSTs JSON to the Graph API with the Bearer token (through the SSRF-guarded client) and reads
 * the answer: 2xx → the id `pickId` finds; 5xx, 429, throttling codes and network failures are
 * retryable; other 4xx are not (a bad token, a closed window) and carry Meta's reason.
 *
 * @example
 * await graphPost(http, url, token, body, (json) => json.messages?.[0]?.id);
 */
export async function graphPost(
  http: OutboundHttp,
  url: string,
  accessToken: string,
  body: unknown,
  pickId: (json: unknown) => string | null,
): Promise<SendResult> {
  const response = await http.request({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) return { ok: false, retryable: response.error !== 'blocked', error: `${response.error}: ${response.message}` };
  let json: unknown = null;
  try {
    json = JSON.parse(response.bodyText);
  } catch {
    json = null;
  }
  if (response.status >= 200 && response.status < 300) return { ok: true, providerMessageId: pickId(json) };
  const parsed = graphErrorSchema.safeParse(json);
  const error = parsed.success ? parsed.data.error : undefined;
  const reason = error
    ? `Graph API ${response.status} (code ${error.code ?? '?'}${error.error_subcode ? `/${error.error_subcode}` : ''}): ${error.message ?? 'no message'}`
    : `Graph API answered HTTP ${response.status}`;
  const retryable = response.status >= 500 || response.status === 429 || (error?.code !== undefined && THROTTLING_CODES.has(error.code));
  return { ok: false, retryable, error: reason };
}
