import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's request signature (`X-Twilio-Signature`): base64 HMAC-SHA1, keyed with the account's
 * auth token, over the full URL Twilio called (scheme, host, path and query) followed by every
 * POST parameter sorted by name, each as name + value with no separator.
 * See https://www.twilio.com/docs/usage/security#validating-requests.
 *
 * @example
 * twilioSignature(authToken, 'https://parley.example.com/webhooks/twilio/ch1', new URLSearchParams('Body=Hi&From=%2B33612345678'));
 */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const names = [...new Set(params.keys())].sort();
  let data = url;
  // Repeated names (MediaUrl lists from some tools) are sorted by value too, as Twilio's helpers do.
  for (const name of names) for (const value of [...params.getAll(name)].sort()) data += name + value;
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Constant-time check of an `X-Twilio-Signature` header. */
export function verifyTwilioSignature(authToken: string, url: string, params: URLSearchParams, header: string): boolean {
  const expected = Buffer.from(twilioSignature(authToken, url, params), 'utf8');
  const given = Buffer.from(header, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
