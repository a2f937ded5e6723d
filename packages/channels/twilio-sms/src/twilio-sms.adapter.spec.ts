import { describe, expect, it } from 'vitest';
import type { OutboundHttp, OutboundRequest } from '@parley/http-outbound';
import { createTwilioSmsAdapter, smsKeyword, twilioSignature } from './index.js';

const fakeHttp = (answers: Array<{ status: number; body: unknown }>) => {
  const requests: OutboundRequest[] = [];
  const http: OutboundHttp = {
    request: async (r) => {
      requests.push(r);
      const a = answers.shift() ?? { status: 201, body: { sid: 'SMx', status: 'queued' } };
      return { ok: true, status: a.status, headers: {}, bodyText: JSON.stringify(a.body), url: String(r.url) };
    },
  };
  return { http, requests };
};

const config = { accountSid: 'AC0123456789abcdef0123456789abcdef', fromNumber: '+33757000001', helpText: { fr: 'Aide FR', en: 'Help EN' } };
const raw = (params: Record<string, string>, url = 'https://p.example/webhooks/twilio/c1', token = 'secret-token-123') => {
  const form = new URLSearchParams(params);
  return { headers: { 'x-twilio-signature': twilioSignature(token, url, form) }, rawBody: Buffer.from(form.toString()), url };
};

describe('Twilio SMS adapter', () => {
  it('signs as Twilio documents it (the security page example)', () => {
    const params = new URLSearchParams({ CallSid: 'CA1234567890ABCDE', Caller: '+14158675310', Digits: '1234', From: '+14158675310', To: '+18005551212' });
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
  });

  it('verifies the signature over the URL and the sorted params, and refuses any change', () => {
    const adapter = createTwilioSmsAdapter({ ...fakeHttp([]), allowHosts: [], publicUrl: 'https://p.example' });
    const request = raw({ MessageSid: 'SM1', From: '+33612345678', Body: 'Hi' });
    expect(adapter.verify(request, { authToken: 'secret-token-123' })).toBe(true);
    expect(adapter.verify({ ...request, url: 'https://p.example/webhooks/twilio/c2' }, { authToken: 'secret-token-123' })).toBe(false);
    expect(adapter.verify({ ...request, rawBody: Buffer.from(request.rawBody.toString().replace('Hi', 'Ho')) }, { authToken: 'secret-token-123' })).toBe(false);
    expect(adapter.verify(request, { authToken: 'another-token-456' })).toBe(false);
  });

  it('recognises whole-message keywords only', () => {
    expect(smsKeyword(' Arrêt. ')).toEqual({ kind: 'stop', keyword: 'ARRET' });
    expect(smsKeyword('stop sms')).toEqual({ kind: 'stop', keyword: 'STOP SMS' });
    expect(smsKeyword('unstop')).toEqual({ kind: 'start', keyword: 'UNSTOP' });
    expect(smsKeyword('aide')).toEqual({ kind: 'help', keyword: 'AIDE' });
    expect(smsKeyword('please stop the order')).toBeNull();
  });

  it('parses a message, its media, keywords, menu numbers and status callbacks', () => {
    const adapter = createTwilioSmsAdapter({ ...fakeHttp([]), allowHosts: [], publicUrl: 'https://p.example' });
    const channel = { id: 'c1', config };
    const mms = adapter.parseInbound(
      raw({ MessageSid: 'SM1', From: '+33612345678', Body: 'Photo', NumMedia: '1', MediaUrl0: 'https://api.twilio.com/m/1', MediaContentType0: 'image/png' }),
      channel,
    );
    expect(mms.ok && mms.events[0]).toMatchObject({
      kind: 'message',
      providerMessageId: 'SM1',
      identities: [{ kind: 'phone', raw: '+33612345678', verified: true }],
    });
    expect(mms.ok && mms.events[0]?.kind === 'message' && mms.events[0].content.blocks[1]).toMatchObject({
      type: 'attachment',
      url: 'https://api.twilio.com/m/1',
      fileName: 'media-1.png',
    });

    const stop = adapter.parseInbound(raw({ MessageSid: 'SM2', From: '+33612345678', Body: 'STOP' }), channel);
    expect(stop.ok && stop.events).toEqual([
      expect.objectContaining({ kind: 'message', skipRouting: true }),
      expect.objectContaining({ kind: 'consent', status: 'revoked', purpose: 'sms', keyword: 'STOP' }),
    ]);
    const help = adapter.parseInbound(raw({ MessageSid: 'SM3', From: '+33612345678', Body: 'AIDE' }), channel);
    expect(help.ok && help.events[0]).toMatchObject({ skipRouting: true, autoReply: 'Aide FR' });
    const choice = adapter.parseInbound(raw({ MessageSid: 'SM4', From: '+33612345678', Body: ' 2 ' }), channel);
    expect(choice.ok && choice.events[0]).toMatchObject({ menuChoice: 2 });

    const failed = adapter.parseInbound(raw({ MessageSid: 'SM5', MessageStatus: 'undelivered', ErrorCode: '30005' }), channel);
    expect(failed.ok && failed.events).toEqual([
      { kind: 'delivery_status', providerMessageId: 'SM5', status: 'failed', error: 'Twilio undelivered (error 30005): unknown destination handset' },
    ]);
    const queued = adapter.parseInbound(raw({ MessageSid: 'SM6', MessageStatus: 'queued' }), channel);
    expect(queued.ok && queued.events).toEqual([]);
  });

  it('refuses what Twilio never sends: a SID that is not one, a body longer than any SMS; skips unusable media; 0 is no menu choice', () => {
    const adapter = createTwilioSmsAdapter({ ...fakeHttp([]), allowHosts: [], publicUrl: 'https://p.example' });
    const channel = { id: 'c1', config };
    expect(adapter.parseInbound(raw({ MessageSid: 'S'.repeat(5000), From: '+33612345678', Body: 'Hi' }), channel).ok).toBe(false);
    expect(adapter.parseInbound(raw({ MessageSid: 'SM7', From: '+33612345678', Body: 'x'.repeat(20_001) }), channel).ok).toBe(false);
    const odd = adapter.parseInbound(
      raw({
        MessageSid: 'SM8',
        From: '+33612345678',
        Body: '0',
        NumMedia: '2',
        MediaUrl0: 'http://',
        MediaUrl1: 'https://api.twilio.com/m/2',
        MediaContentType1: 'x'.repeat(300),
      }),
      channel,
    );
    expect(odd.ok && odd.events[0]).toMatchObject({
      content: {
        blocks: [
          { type: 'text', text: '0' },
          { type: 'attachment', url: 'https://api.twilio.com/m/2', contentType: 'application/octet-stream' },
        ],
      },
    });
    expect(odd.ok && odd.events[0]).not.toHaveProperty('menuChoice');
  });

  it('keeps the auth token out of the public config', async () => {
    const adapter = createTwilioSmsAdapter({ ...fakeHttp([]), allowHosts: [], publicUrl: 'https://p.example' });
    const parsed = await adapter.parseConfig({ accountSid: config.accountSid, authToken: 'secret-token-123', fromNumber: '+33757000001' });
    expect(parsed.ok && parsed.config).not.toHaveProperty('authToken');
    expect(parsed.ok && parsed.secrets).toEqual({ authToken: 'secret-token-123' });
    expect((await adapter.parseConfig({ accountSid: 'nope', authToken: 'x', fromNumber: '0612' })).ok).toBe(false);
  });

  it('sends form-encoded with Basic auth, buttons as a numbered list, and says which failures are worth a retry', async () => {
    const { http, requests } = fakeHttp([
      { status: 201, body: { sid: 'SMout', status: 'queued' } },
      { status: 503, body: {} },
      { status: 400, body: { code: 21211, message: "The 'To' number is not valid." } },
    ]);
    const adapter = createTwilioSmsAdapter({ http, allowHosts: [], publicUrl: 'https://p.example' });
    const context = {
      channel: { id: 'c1', workspaceId: 'w1', name: 'SMS', config },
      secrets: { authToken: 'secret-token-123' },
      conversationId: 'conv',
      customer: { id: 'cu', externalId: null, identities: [{ kind: 'phone', scope: '', value: '+33612345678' }] },
      message: {
        id: 'm1',
        text: '',
        author: { kind: 'bot', name: 'bot' },
        content: {
          v: 1 as const,
          blocks: [
            {
              type: 'buttons' as const,
              text: 'Choix ?',
              buttons: [
                { id: 'a', label: 'Oui' },
                { id: 'b', label: 'Non' },
              ],
            },
          ],
        },
      },
      deliveryId: 'd1',
    };
    expect(await adapter.send(context)).toEqual({ ok: true, providerMessageId: 'SMout' });
    const form = new URLSearchParams(String(requests[0]?.body));
    expect(form.get('Body')).toBe('Choix ?\n1. Oui\n2. Non');
    expect(form.get('StatusCallback')).toBe('https://p.example/webhooks/twilio/c1');
    expect(requests[0]?.headers?.authorization).toBe(`Basic ${Buffer.from(`${config.accountSid}:secret-token-123`).toString('base64')}`);
    expect(String(requests[0]?.url)).toBe(`https://api.twilio.com/2010-04-01/Accounts/${config.accountSid}/Messages.json`);
    expect(await adapter.send(context)).toMatchObject({ ok: false, retryable: true });
    expect(await adapter.send(context)).toMatchObject({
      ok: false,
      retryable: false,
      error: "Twilio answered HTTP 400: The 'To' number is not valid. (error 21211)",
    });
  });
});
