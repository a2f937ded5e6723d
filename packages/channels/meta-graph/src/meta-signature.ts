import { timingSafeEqual } from 'node:crypto';
import { verifySignature } from '@parley/kernel';
import type { RawInboundRequest, WebhookReply } from '@parley/channel-sdk';

/** Meta signs every webhook body with the app secret: `X-Hub-Signature-256: sha256=<hex>`. */
export const META_SIGNATURE_HEADER = 'x-hub-signature-256';

/**
 * Checks `X-Hub-Signature-256` on the raw body with the app secret, in constant time.
 *
 * @example
 * if (!verifyMetaSignature(request, secrets.appSecret)) return false;
 */
export function verifyMetaSignature(request: RawInboundRequest, appSecret: string | undefined): boolean {
  const header = request.headers[META_SIGNATURE_HEADER];
  if (!appSecret || typeof header !== 'string') return false;
  return verifySignature(appSecret, request.rawBody, header);
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Meta's verification request: `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…` is
 * answered with the challenge as plain text when the token is the channel's; null otherwise.
 *
 * @example
 * metaHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 't', 'hub.challenge': '42' }, 't'); // { status: 200, body: '42', … }
 */
export function metaHandshake(query: Record<string, unknown>, verifyToken: string | undefined): WebhookReply | null {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (!verifyToken || mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') return null;
  // The challenge is echoed verbatim as text/plain: bound it so the endpoint is no reflector.
  if (challenge.length === 0 || challenge.length > 256 || !constantTimeEqual(token, verifyToken)) return null;
  return { status: 200, contentType: 'text/plain; charset=utf-8', body: challenge };
}
