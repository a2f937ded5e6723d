import { describe, expect, it } from 'vitest';
import { randomToken, signBody, verifySignature } from '@parley/kernel';
import type { ChannelAdapter, InboundEvent, ParseResult, SendResult } from '../channel-adapter.js';
import { splitText } from '../numbered-menu.js';
import { describeChannelAdapterContract } from './channel-adapter-contract.js';
import { countTimingSafeEqualCalls, forgeSameShape } from './constant-time.js';
import { parseResultProblems, sendResultProblems } from './event-shape.js';
import { singleFieldCorruptions } from './inbound-fuzz.js';

const SECRET = 'reference-signing-secret-0123456789';
const MAX = 100;

/**
 * The smallest adapter that keeps the contract: HMAC-signed JSON in, JSON posts out, long texts
 * split. It shows what the kit asks of a real adapter (and proves the kit passes one).
 */
function referenceAdapter(): ChannelAdapter {
  return {
    manifest: {
      type: 'reference',
      displayName: 'Reference',
      richMessages: false,
      attachments: false,
      templates: false,
      messageWindowHours: null,
      maxTextLength: MAX,
      textOverflow: 'split',
    },
    async parseConfig(config) {
      const url = (config as { apiBaseUrl?: unknown } | null)?.apiBaseUrl;
      return typeof config === 'object' && config !== null && !Array.isArray(config) && typeof url === 'string'
        ? { ok: true, config: { apiBaseUrl: url } }
        : { ok: false, message: 'apiBaseUrl is required' };
    },
    createSecrets: () => ({ signingSecret: randomToken(32) }),
    verify: (request, secrets) => {
      const header = request.headers['x-signature'];
      return typeof header === 'string' && !!secrets.signingSecret && verifySignature(secrets.signingSecret, request.rawBody, header);
    },
    parseInbound(request): ParseResult {
      let json: unknown;
      try {
        json = JSON.parse(request.rawBody.toString('utf8'));
      } catch {
        return { ok: false, code: 'validation_failed', message: 'not JSON' };
      }
      const { id, from, text } = (json ?? {}) as { id?: unknown; from?: unknown; text?: unknown };
      if (typeof id !== 'string' || !/^[\w.-]{1,64}$/.test(id) || typeof from !== 'string' || typeof text !== 'string' || text.length > 20_000)
        return { ok: false, code: 'validation_failed', message: 'not a reference message' };
      const event: InboundEvent = {
        kind: 'message',
        providerMessageId: id,
        identities: [{ kind: 'external_id', raw: from, scope: 'reference', verified: true, provenance: 'channel' }],
        displayName: null,
        content: { v: 1, blocks: [{ type: 'text', text }] },
        text,
        sentAt: null,
      };
      return { ok: true, events: [event] };
    },
    async send(context): Promise<SendResult> {
      const base = context.channel.config.apiBaseUrl;
      const to = context.customer.externalId;
      if (typeof base !== 'string' || !to) return { ok: false, retryable: false, error: 'no apiBaseUrl or recipient' };
      let id: string | null = null;
      for (const part of splitText(context.message.text, MAX)) {
        let response: Response;
        try {
          response = await fetch(`${base}/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ to, text: part }),
          });
        } catch (err) {
          return { ok: false, retryable: true, error: `unreachable: ${String(err)}` };
        }
        if (!response.ok) return { ok: false, retryable: response.status === 429 || response.status >= 500, error: `HTTP ${response.status}` };
        id ??= ((await response.json()) as { id: string }).id;
      }
      return { ok: true, providerMessageId: id };
    },
  };
}

let sent = 0;
describeChannelAdapterContract('reference (the kit on a minimal adapter)', {
  setup: (provider) => ({
    adapter: referenceAdapter(),
    configInput: { apiBaseUrl: provider.url },
    channel: { id: 'ch', workspaceId: 'ws', name: 'Reference', config: { apiBaseUrl: provider.url } },
    secrets: { signingSecret: SECRET },
    inbound: {
      url: 'https://parley.example/webhooks/reference/ch',
      sign: (body) => ({ 'x-signature': signBody(SECRET, body) }),
      signatureHeader: 'x-signature',
      covers: 'raw-body',
      format: 'json',
      samples: [{ name: 'a message', body: JSON.stringify({ id: 'm1', from: 'customer-1', text: 'Bonjour' }), kinds: ['message'] }],
    },
    outbound: {
      customer: { id: 'cust', externalId: 'customer-1', identities: [] },
      returnsProviderId: true,
      http: {
        accept: () => ({ status: 201, body: { id: `out-${++sent}` } }),
        textOf: (request) => (JSON.parse(request.body) as { text: string }).text,
      },
    },
  }),
});

describe('contract kit helpers', () => {
  it('forges a signature of the same shape and length', () => {
    expect(forgeSameShape('sha256=00ff')).toBe('sha256=00fa');
    expect(forgeSameShape('sha256=00fA')).toBe('sha256=00fb');
    expect(forgeSameShape('GvWf1cFY/Q7PnoempGyD5oXAezc=')).toBe('GvWf1cFY/Q7PnoempGyD5oXAeza=');
    expect(forgeSameShape('')).toBe('a');
  });

  it('counts calls to crypto.timingSafeEqual, and none for a plain comparison', () => {
    const header = signBody('s', 'body');
    expect(countTimingSafeEqualCalls(() => verifySignature('s', 'body', forgeSameShape(header)))).toBe(1);
    expect(countTimingSafeEqualCalls(() => header === forgeSameShape(header))).toBe(0);
  });

  it('reports events the core could not store', () => {
    const message = (overrides: Record<string, unknown>) =>
      ({
        kind: 'message',
        providerMessageId: 'm1',
        identities: [{ kind: 'phone', raw: '+33612345678', scope: '', verified: true, provenance: 'channel' }],
        displayName: null,
        content: { v: 1, blocks: [{ type: 'text', text: 'hi' }] },
        text: 'hi',
        sentAt: null,
        ...overrides,
      }) as InboundEvent;
    expect(parseResultProblems({ ok: true, events: [message({})] })).toEqual([]);
    expect(parseResultProblems({ ok: true, events: [message({ sentAt: new Date(Number.NaN) })] })).toEqual([expect.stringContaining('sentAt')]);
    expect(parseResultProblems({ ok: true, events: [message({ providerMessageId: '' })] })).toEqual([expect.stringContaining('providerMessageId')]);
    expect(parseResultProblems({ ok: true, events: [message({ content: { v: 1, blocks: [{ type: 'text', text: 'x'.repeat(20_001) }] } })] })).toHaveLength(1);
    expect(parseResultProblems({ ok: true, events: [message({ menuChoice: 0 })] })).toEqual([expect.stringContaining('menuChoice')]);
    expect(parseResultProblems({ ok: false, code: 'validation_failed', message: '' })).toEqual(['error without a message']);
  });

  it('reports a send failure that echoes a secret or does not say whether to retry', () => {
    expect(sendResultProblems({ ok: false, retryable: true, error: 'HTTP 503' }, ['bot-token-123456'])).toEqual([]);
    expect(sendResultProblems({ ok: false, retryable: true, error: 'GET /botbot-token-123456/sendMessage failed' }, ['bot-token-123456'])).toEqual([
      'the error echoes a secret',
    ]);
    expect(sendResultProblems({ ok: true, providerMessageId: '' }, [])).toHaveLength(1);
  });

  it('corrupts every field of a sample, one at a time', () => {
    const bodies = [...singleFieldCorruptions(JSON.stringify({ a: { b: [1] } }), 'json')].map((b) => b.toString('utf8'));
    expect(bodies).toContain('{"a":{"b":"%E0%A4%A"}}');
    expect(bodies).toContain('{"a":{}}');
    expect(bodies).toContain(`{"a":{"b":[${Array(25).fill('1').join(',')}]}}`);
    const forms = [...singleFieldCorruptions('From=%2B33612345678&Body=Hi', 'form')].map((b) => b.toString('utf8'));
    expect(forms).toContain('Body=Hi');
    expect(forms).toContain('From=%25&Body=Hi');
  });
});
