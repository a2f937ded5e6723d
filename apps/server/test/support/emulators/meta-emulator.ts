import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { signBody } from '@parley/kernel';

/** A Graph API request the emulator received. */
export interface GraphCall {
  method: string;
  path: string;
  authorization: string | undefined;
  body: any;
  /** The HTTP status the emulator answered. */
  status: number;
  /** The message id it returned (2xx only). */
  messageId: string | null;
}

/**
 * A local stand-in for Meta's Graph API (test code, never product code): the WhatsApp Cloud API
 * `POST /{version}/{phone-number-id}/messages` and the Messenger/Instagram Send API
 * `POST /{version}/me/messages`, with their documented request checks, answers and error shapes.
 * `failNext(n)` makes the next n sends answer 503, as Meta does during an outage.
 *
 * Media: `addMedia` files a customer's upload. WhatsApp's `GET /{version}/{media-id}` answers its
 * metadata with a download URL (which, like Meta's lookaside URL, needs the Bearer token);
 * `cdnUrl` is a Messenger attachment URL (public, no token). `failMediaNext(n)` makes the next n
 * media requests answer 500 without touching the send failures.
 */
export interface MetaEmulator {
  url: string;
  calls: GraphCall[];
  /** Successful sends only. */
  sent(): GraphCall[];
  failNext(count: number, status?: number): void;
  addMedia(id: string, data: Buffer, mimeType: string): void;
  /** The public CDN URL of a file added with `addMedia` (Messenger / Instagram attachments). */
  cdnUrl(id: string): string;
  failMediaNext(count: number, status?: number): void;
  /** Media requests received (metadata, download, CDN) with the status answered. */
  mediaCalls: Array<{ path: string; status: number }>;
  close(): Promise<void>;
}

const graphError = (code: number, message: string, type = 'OAuthException') => ({ error: { message, type, code, fbtrace_id: randomBytes(8).toString('hex') } });

export async function startMetaEmulator(options: { accessToken: string }): Promise<MetaEmulator> {
  const calls: GraphCall[] = [];
  let failures = 0;
  let failureStatus = 503;
  const media = new Map<string, { data: Buffer; mimeType: string }>();
  const mediaCalls: Array<{ path: string; status: number }> = [];
  let mediaFailures = 0;
  let mediaFailureStatus = 500;
  let base = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = null;
      }
      const path = (req.url ?? '').split('?')[0] ?? '';
      const answer = (status: number, json: unknown, messageId: string | null = null) => {
        calls.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body, status, messageId });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      };
      if (req.method === 'GET' && handleMedia(path, req.headers.authorization, res)) return;
      if (req.headers.authorization !== `Bearer ${options.accessToken}`)
        return answer(401, graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
      if (failures > 0) {
        failures--;
        return answer(failureStatus, graphError(2, 'Service temporarily unavailable', 'OAuthException'));
      }
      const whatsapp = /^\/v\d+\.\d+\/(\d+)\/messages$/.exec(path);
      if (req.method === 'POST' && whatsapp) {
        if (body?.messaging_product !== 'whatsapp' || typeof body.to !== 'string' || typeof body.type !== 'string' || !(body.type in body)) {
          return answer(400, graphError(100, '(#100) Invalid parameter', 'OAuthException'));
        }
        const id = `wamid.${randomBytes(12).toString('base64url')}`;
        return answer(200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }] }, id);
      }
      if (req.method === 'POST' && /^\/v\d+\.\d+\/me\/messages$/.test(path)) {
        if (typeof body?.recipient?.id !== 'string' || typeof body.message !== 'object' || body.message === null)
          return answer(400, graphError(100, '(#100) The parameter recipient is required'));
        const id = `m_${randomBytes(12).toString('base64url')}`;
        return answer(200, { recipient_id: body.recipient.id, message_id: id }, id);
      }
      return answer(404, graphError(803, 'Unknown path components'));
    });
  });
  // GET /{version}/{media-id} (metadata), /lookaside/{id} (bytes, token required), /cdn/{id} (bytes, public).
  function handleMedia(path: string, authorization: string | undefined, res: ServerResponse): boolean {
    const info = /^\/v\d+\.\d+\/([A-Za-z0-9_.-]+)$/.exec(path);
    const file = /^\/(lookaside|cdn)\/([A-Za-z0-9_.-]+)$/.exec(path);
    if (!info && !file) return false;
    const reply = (status: number, body: Buffer | string, contentType: string) => {
      mediaCalls.push({ path, status });
      res.writeHead(status, { 'content-type': contentType }).end(body);
    };
    const json = (status: number, body: unknown) => reply(status, JSON.stringify(body), 'application/json');
    if (mediaFailures > 0) {
      mediaFailures--;
      json(mediaFailureStatus, graphError(2, 'An unexpected error has occurred. Please retry your request later.'));
      return true;
    }
    const needsToken = info !== null || file?.[1] === 'lookaside';
    if (needsToken && authorization !== `Bearer ${options.accessToken}`) {
      json(401, graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
      return true;
    }
    const id = info ? (info[1] ?? '') : (file?.[2] ?? '');
    const item = media.get(id);
    if (!item) {
      json(404, graphError(100, `Unsupported get request. Object with ID '${id}' does not exist`));
      return true;
    }
    if (info) {
      json(200, {
        messaging_product: 'whatsapp',
        url: `${base}/lookaside/${id}`,
        mime_type: item.mimeType,
        sha256: createHash('sha256').update(item.data).digest('hex'),
        file_size: String(item.data.length),
        id,
      });
      return true;
    }
    reply(200, item.data, item.mimeType);
    return true;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    calls,
    mediaCalls,
    sent: () => calls.filter((c) => c.status === 200),
    failNext(count, status = 503) {
      failures = count;
      failureStatus = status;
    },
    addMedia(id, data, mimeType) {
      media.set(id, { data, mimeType });
    },
    cdnUrl: (id) => `${base}/cdn/${id}`,
    failMediaNext(count, status = 500) {
      mediaFailures = count;
      mediaFailureStatus = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** POSTs a webhook body to Parley the way Meta does: JSON, signed with the app secret (`X-Hub-Signature-256`). */
export async function postMetaWebhook(
  url: string,
  body: unknown,
  appSecret: string,
  options: { signature?: string } = {},
): Promise<{ status: number; text: string }> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': options.signature ?? signBody(appSecret, raw) },
    body: raw,
  });
  return { status: res.status, text: await res.text() };
}

const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** Documented WhatsApp Cloud API webhook payloads (`object: whatsapp_business_account`). */
export const whatsappPayloads = {
  envelope(phoneNumberId: string, value: Record<string, unknown>) {
    return {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId }, ...value },
            },
          ],
        },
      ],
    };
  },
  message(phoneNumberId: string, from: string, message: Record<string, unknown>, name = 'Sheena Nelson') {
    return whatsappPayloads.envelope(phoneNumberId, {
      contacts: [{ profile: { name }, wa_id: from }],
      messages: [{ from, timestamp: nowSeconds(), ...message }],
    });
  },
  text: (phoneNumberId: string, from: string, id: string, body: string) => whatsappPayloads.message(phoneNumberId, from, { id, type: 'text', text: { body } }),
  buttonReply: (phoneNumberId: string, from: string, id: string, replyId: string, title: string) =>
    whatsappPayloads.message(phoneNumberId, from, { id, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: replyId, title } } }),
  listReply: (phoneNumberId: string, from: string, id: string, rowId: string, title: string) =>
    whatsappPayloads.message(phoneNumberId, from, {
      id,
      type: 'interactive',
      interactive: { type: 'list_reply', list_reply: { id: rowId, title, description: 'row' } },
    }),
  image: (phoneNumberId: string, from: string, id: string, mediaId: string, caption?: string) =>
    whatsappPayloads.message(phoneNumberId, from, {
      id,
      type: 'image',
      image: { id: mediaId, mime_type: 'image/jpeg', sha256: 'abc', ...(caption ? { caption } : {}) },
    }),
  document: (phoneNumberId: string, from: string, id: string, mediaId: string, filename: string) =>
    whatsappPayloads.message(phoneNumberId, from, { id, type: 'document', document: { id: mediaId, mime_type: 'application/pdf', sha256: 'abc', filename } }),
  location: (phoneNumberId: string, from: string, id: string, latitude: number, longitude: number, name?: string) =>
    whatsappPayloads.message(phoneNumberId, from, {
      id,
      type: 'location',
      location: { latitude, longitude, ...(name ? { name, address: '1 Rue de Rivoli, Paris' } : {}) },
    }),
  status(
    phoneNumberId: string,
    messageId: string,
    recipient: string,
    status: 'sent' | 'delivered' | 'read' | 'failed',
    error?: { code: number; title: string; details: string },
  ) {
    return whatsappPayloads.envelope(phoneNumberId, {
      statuses: [
        {
          id: messageId,
          status,
          timestamp: nowSeconds(),
          recipient_id: recipient,
          ...(error ? { errors: [{ code: error.code, title: error.title, message: error.title, error_data: { details: error.details } }] } : {}),
        },
      ],
    });
  },
};

/** Documented Messenger / Instagram webhook payloads (`entry[].messaging[]`). */
export const messengerPayloads = {
  envelope: (object: 'page' | 'instagram', accountId: string, messaging: unknown[]) => ({ object, entry: [{ id: accountId, time: Date.now(), messaging }] }),
  text: (object: 'page' | 'instagram', accountId: string, sender: string, mid: string, text: string) =>
    messengerPayloads.envelope(object, accountId, [{ sender: { id: sender }, recipient: { id: accountId }, timestamp: Date.now(), message: { mid, text } }]),
  quickReply: (accountId: string, sender: string, mid: string, text: string, payload: string) =>
    messengerPayloads.envelope('page', accountId, [
      { sender: { id: sender }, recipient: { id: accountId }, timestamp: Date.now(), message: { mid, text, quick_reply: { payload } } },
    ]),
  postback: (accountId: string, sender: string, mid: string, title: string, payload: string) =>
    messengerPayloads.envelope('page', accountId, [
      { sender: { id: sender }, recipient: { id: accountId }, timestamp: Date.now(), postback: { mid, title, payload } },
    ]),
  /** A customer's file, as Meta posts it: a typed attachment whose payload is a CDN URL. */
  attachment: (object: 'page' | 'instagram', accountId: string, sender: string, mid: string, type: 'image' | 'file' | 'video' | 'audio', url: string) =>
    messengerPayloads.envelope(object, accountId, [
      { sender: { id: sender }, recipient: { id: accountId }, timestamp: Date.now(), message: { mid, attachments: [{ type, payload: { url } }] } },
    ]),
  delivery: (accountId: string, sender: string, mids: string[]) =>
    messengerPayloads.envelope('page', accountId, [
      { sender: { id: sender }, recipient: { id: accountId }, timestamp: Date.now(), delivery: { mids, watermark: Date.now() } },
    ]),
};
