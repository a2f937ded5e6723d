import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChannelAdapter, InboundEvent, OutboundRequestContext, ParseResult, RawInboundRequest, SendResult } from '../channel-adapter.js';
import { startContractEmulator, type ProviderAnswer, type ProviderRequest } from './contract-emulator.js';
import { countTimingSafeEqualCalls, forgeSameShape } from './constant-time.js';
import { hasProvenIdentity, parseResultProblems, sendResultProblems } from './event-shape.js';
import { arbitraryBodies, GARBAGE_BODIES, mutatedBodies, singleFieldCorruptions } from './inbound-fuzz.js';

/**
 * What the provider does with the sends of one test: accept them, answer a temporary failure
 * (5xx or 429), refuse them for good (4xx), or drop the connection.
 */
export type SendOutcome = 'ok' | 'retryable' | 'permanent' | 'unreachable';

/** The provider's side, as the kit plays it; handed to the fixture's `setup`. */
export interface ContractProvider {
  /** `http://127.0.0.1:<port>`: the loopback emulator. Point the channel's `apiBaseUrl` (or webhook URL) at it. */
  readonly url: string;
  /** What the provider does with the current send; in-process transports (a gateway, an SMTP server) follow it too. */
  outcome(): SendOutcome;
  /** In-process transports report each text the provider accepted. */
  received(text: string): void;
}

/** A channel's webhooks as the provider sends them. */
export interface ContractInbound {
  /** The public URL the provider calls (Twilio signs it). */
  url: string;
  /** The headers the provider sends with this body at this URL: its signature or secret token. */
  sign(rawBody: Buffer, url: string): Record<string, string>;
  /** The header carrying the proof, lower case. */
  signatureHeader: string;
  /**
   * What the proof covers: every byte of the body (an HMAC), the form parameters (Twilio signs
   * the parsed, sorted parameters), or nothing (Telegram's shared secret header).
   */
  covers: 'raw-body' | 'form-params' | 'nothing';
  /** The proof covers the URL too (Twilio). */
  coversUrl?: boolean;
  /** How the bodies are encoded, for the mutation fuzzing. */
  format: 'json' | 'form';
  /** Documented provider payloads and the kinds of the events each must become, in order. */
  samples: Array<{ name: string; body: string; kinds: Array<InboundEvent['kind']> }>;
}

/** The provider's send API on the kit's loopback emulator. */
export interface ContractHttpProvider {
  /** The documented success answer (with the provider's message id, when it has one). */
  accept(request: ProviderRequest): ProviderAnswer;
  /** The text a request carries (null for a request that carries none, e.g. a file). */
  textOf(request: ProviderRequest): string | null;
  /** The provider's error answer with this status (default: a JSON `{error: {message}}`). */
  failure?(request: ProviderRequest, status: number): ProviderAnswer;
}

/** What the adapter under test is, once set up against the provider. */
export interface ContractSubject {
  adapter: ChannelAdapter;
  /** A config an admin may post: `parseConfig` accepts it and keeps its secrets out of the public config. */
  configInput: unknown;
  /** The channel as stored (public config) and its opened secrets. */
  channel: OutboundRequestContext['channel'];
  secrets: Record<string, string>;
  /** Null: the channel takes no webhooks (web chat, email, polled reviews), so `verify` refuses everything. */
  inbound: ContractInbound | null;
  outbound: {
    /** The customer written to, with the identity this channel sends to. */
    customer: OutboundRequestContext['customer'];
    /** A successful send returns the provider's message id (false: null, the provider has none). */
    returnsProviderId: boolean;
    /** The provider's HTTP API on the emulator; without it the fixture's own transport follows `provider.outcome()`. */
    http?: ContractHttpProvider;
    /** Outcomes the transport can produce (default: all four with `http`, only `ok` without). */
    outcomes?: SendOutcome[];
  };
}

export interface ChannelAdapterContractFixture {
  setup(provider: ContractProvider): ContractSubject | Promise<ContractSubject>;
  teardown?(): Promise<void> | void;
}

const IDENT = /^[a-z][a-z0-9_]*$/;
const FUZZ_RUNS = 300;

/**
 * The contract every channel adapter passes (vitest). It checks the manifest and config
 * handling; `verify` on the provider's signature (tampered, missing, empty, forged and
 * wrong-secret proofs refused, without throwing, through `crypto.timingSafeEqual`); `parseInbound`
 * on documented payloads (normalized, domain-valid events, stable provider ids) and on garbage
 * and fuzzed payloads (an error result or well-formed events, never a throw); and `send`
 * against a loopback emulator (ok with the provider id, 5xx/429/network failures retryable,
 * refusals permanent, secrets never echoed, texts over `maxTextLength` handled as
 * `manifest.textOverflow` declares).
 *
 * @example
 * describeChannelAdapterContract('telegram', {
 *   setup: (provider) => ({ adapter: createTelegramAdapter({ http, allowHosts: ['127.0.0.1'] }), channel, secrets, configInput, inbound, outbound }),
 * });
 */
export function describeChannelAdapterContract(name: string, fixture: ChannelAdapterContractFixture): void {
  describe(`channel adapter contract: ${name}`, () => {
    let subject: ContractSubject;
    let emulator: Awaited<ReturnType<typeof startContractEmulator>> | undefined;
    let outcome: SendOutcome = 'ok';
    let failureStatus = 503;
    const received: string[] = [];
    const provider: ContractProvider = {
      get url() {
        if (!emulator) throw new Error('the contract emulator is not started');
        return emulator.url;
      },
      outcome: () => outcome,
      received: (text) => {
        received.push(text);
      },
    };

    beforeAll(async () => {
      emulator = await startContractEmulator((request) => {
        const http = subject.outbound.http;
        if (!http) return { status: 404, body: { error: { message: 'this channel has no HTTP provider' } } };
        if (outcome === 'unreachable') return 'hang-up';
        if (outcome === 'ok') {
          const answer = http.accept(request);
          const text = http.textOf(request);
          if (answer.status >= 200 && answer.status < 300 && text !== null) received.push(text);
          return answer;
        }
        const status = outcome === 'retryable' ? failureStatus : 400;
        return http.failure?.(request, status) ?? { status, body: { error: { message: status === 400 ? 'Bad Request' : 'Service Unavailable' } } };
      });
      subject = await fixture.setup(provider);
    });
    afterAll(async () => {
      await fixture.teardown?.();
      await emulator?.close();
    });

    const outcomes = (): SendOutcome[] => subject.outbound.outcomes ?? (subject.outbound.http ? ['ok', 'retryable', 'permanent', 'unreachable'] : ['ok']);
    const secretValues = () => Object.values(subject.secrets);
    const channelRef = () => ({ id: subject.channel.id, config: subject.channel.config });

    const contextFor = (text: string, overrides: Partial<OutboundRequestContext> = {}): OutboundRequestContext => ({
      channel: subject.channel,
      secrets: subject.secrets,
      conversationId: '0190a000-0000-7000-8000-00000000c0c0',
      customer: subject.outbound.customer,
      message: {
        id: '0190a000-0000-7000-8000-00000000beef',
        content: { v: 1, blocks: [{ type: 'text', text }] },
        text,
        author: { kind: 'agent', name: 'Contract' },
        seq: 2,
        createdAt: new Date('2026-01-15T10:00:00Z'),
      },
      deliveryId: '0190a000-0000-7000-8000-00000000d0d0',
      ...overrides,
    });

    /** One send under `mode`; returns the result and the texts the provider accepted. */
    async function sendUnder(mode: SendOutcome, context: OutboundRequestContext, status = 503): Promise<{ result: SendResult; texts: string[] }> {
      outcome = mode;
      failureStatus = status;
      received.length = 0;
      try {
        const result = await subject.adapter.send(context);
        expect(sendResultProblems(result, secretValues())).toEqual([]);
        return { result, texts: [...received] };
      } finally {
        outcome = 'ok';
      }
    }

    const request = (body: Buffer, headers?: Record<string, string | string[] | undefined>, url?: string): RawInboundRequest => {
      const inbound = subject.inbound;
      const at = url ?? inbound?.url ?? 'https://parley.example/webhooks/unknown';
      return { headers: headers ?? inbound?.sign(body, at) ?? {}, rawBody: body, url: at };
    };

    /** Parses without letting a throw escape: a throw is reported as a contract problem. */
    const safeParse = (raw: RawInboundRequest): { result: ParseResult | null; problems: string[] } => {
      try {
        const result = subject.adapter.parseInbound(raw, channelRef());
        return { result, problems: parseResultProblems(result) };
      } catch (err) {
        return { result: null, problems: [`parseInbound threw: ${err instanceof Error ? err.message : String(err)}`] };
      }
    };

    describe('manifest and configuration', () => {
      it('declares its capabilities, well-formed', () => {
        const m = subject.adapter.manifest;
        expect(m.type).toMatch(IDENT);
        expect(m.displayName.trim().length).toBeGreaterThan(0);
        for (const flag of [m.richMessages, m.attachments, m.templates]) expect(typeof flag).toBe('boolean');
        if (m.messageWindowHours !== null) {
          expect(Number.isInteger(m.messageWindowHours)).toBe(true);
          expect(m.messageWindowHours).toBeGreaterThan(0);
        }
        if (m.maxTextLength !== null) {
          expect(Number.isInteger(m.maxTextLength)).toBe(true);
          expect(m.maxTextLength).toBeGreaterThan(0);
          // A limit without a policy leaves the core guessing what happens to a long reply.
          expect(['split', 'truncate', 'reject']).toContain(m.textOverflow);
        }
        if (m.webhookProvider !== undefined) expect(m.webhookProvider).toMatch(IDENT);
        if (m.consent) {
          expect(m.consent.purpose.length).toBeGreaterThan(0);
          expect(m.consent.addressKind.length).toBeGreaterThan(0);
        }
        if (m.appWebhook) {
          expect(m.appWebhook.providers.length).toBeGreaterThan(0);
          for (const p of m.appWebhook.providers) expect(p).toMatch(IDENT);
          expect(m.appWebhook.configKey.length).toBeGreaterThan(0);
          expect(typeof subject.adapter.dispatchKeys).toBe('function');
        }
        // A channel without webhooks has nothing for the provider to verify or parse.
        if (subject.inbound === null) expect(subject.adapter.handshake).toBeUndefined();
      });

      it('accepts its documented config and keeps every secret out of the public config', async () => {
        const result = await subject.adapter.parseConfig(subject.configInput);
        expect(result.ok, JSON.stringify(result)).toBe(true);
        if (!result.ok) return;
        const publicConfig = JSON.stringify(result.config);
        for (const [key, value] of Object.entries(result.secrets ?? {})) {
          expect(typeof value, key).toBe('string');
          expect(publicConfig.includes(value), `secret ${key} in the public config`).toBe(false);
        }
      });

      it('refuses configs of the wrong type with a result, not a throw', async () => {
        for (const input of [42, 'config', [], true]) {
          const result = await subject.adapter.parseConfig(input);
          expect(result.ok, `parseConfig(${JSON.stringify(input)})`).toBe(false);
          if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
        }
      });

      it('generates fresh, strong secrets', () => {
        const a = subject.adapter.createSecrets();
        const b = subject.adapter.createSecrets();
        expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
        for (const [key, value] of Object.entries(a)) {
          expect(typeof value, key).toBe('string');
          expect(value.length, key).toBeGreaterThanOrEqual(16);
          expect(b[key], `${key} is the same twice`).not.toBe(value);
        }
      });

      it('answers a verification handshake only with proof of the verify token', () => {
        const handshake = subject.adapter.handshake;
        if (!handshake) return;
        for (const query of [
          {},
          { 'hub.mode': 'subscribe', 'hub.challenge': '42' },
          { 'hub.mode': 'subscribe', 'hub.verify_token': 'not-the-token', 'hub.challenge': '42' },
        ]) {
          expect(handshake(query, subject.secrets, subject.channel.config)).toBeNull();
        }
        expect(handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'x', 'hub.challenge': '42' }, {}, subject.channel.config)).toBeNull();
      });
    });

    describe('verify', () => {
      it('refuses every webhook when the channel takes none', () => {
        if (subject.inbound !== null) return;
        for (const { body } of GARBAGE_BODIES.slice(0, 5)) {
          expect(subject.adapter.verify(request(body, { 'content-type': 'application/json' }), subject.secrets)).toBe(false);
          expect(safeParse(request(body, {})).result?.ok).toBe(false);
        }
      });

      it('accepts the provider proof on every documented payload', () => {
        const inbound = subject.inbound;
        if (!inbound) return;
        for (const sample of inbound.samples) expect(subject.adapter.verify(request(Buffer.from(sample.body)), subject.secrets), sample.name).toBe(true);
      });

      it('refuses a tampered body when the proof covers it', () => {
        const inbound = subject.inbound;
        if (!inbound || inbound.covers === 'nothing') return;
        for (const sample of inbound.samples) {
          const body = Buffer.from(sample.body);
          const headers = inbound.sign(body, inbound.url);
          const tampered = [changeCharAt(sample.body, Math.floor(sample.body.length / 2)), changeCharAt(sample.body, sample.body.length - 2)];
          // A JSON body re-serialized by a proxy parses the same but is not what the provider signed.
          if (inbound.covers === 'raw-body') tampered.push(`${sample.body} `, ` ${sample.body}`);
          else tampered.push(`${sample.body}&Injected=1`);
          for (const t of tampered)
            expect(subject.adapter.verify(request(Buffer.from(t), headers), subject.secrets), `${sample.name}: ${t.slice(0, 80)}`).toBe(false);
        }
      });

      it('refuses the proof for another URL when it covers the URL', () => {
        const inbound = subject.inbound;
        if (!inbound?.coversUrl) return;
        const sample = inbound.samples[0];
        if (!sample) return;
        const body = Buffer.from(sample.body);
        const headers = inbound.sign(body, `${inbound.url}-other`);
        expect(subject.adapter.verify(request(body, headers), subject.secrets)).toBe(false);
      });

      it('refuses a missing, empty, repeated, forged or wrong-secret proof, and never throws', () => {
        const inbound = subject.inbound;
        if (!inbound) return;
        const sample = inbound.samples[0];
        if (!sample) throw new Error('the fixture needs at least one inbound sample');
        const body = Buffer.from(sample.body);
        const good = inbound.sign(body, inbound.url);
        const proof = good[inbound.signatureHeader];
        expect(typeof proof, `the fixture signs in ${inbound.signatureHeader}`).toBe('string');
        const withProof = (value: string | string[] | undefined) => ({ ...good, [inbound.signatureHeader]: value });
        const { [inbound.signatureHeader]: _dropped, ...missing } = good;
        const variants: Array<[string, Record<string, string | string[] | undefined>]> = [
          ['missing', missing],
          ['empty', withProof('')],
          ['blank', withProof('   ')],
          ['repeated', withProof([String(proof), String(proof)])],
          ['forged, same shape', withProof(forgeSameShape(String(proof)))],
          ['truncated', withProof(String(proof).slice(0, -1))],
          ['extended', withProof(`${String(proof)}0`)],
          ['very long', withProof('a'.repeat(10_000))],
          ['non-ASCII', withProof(`${String(proof).slice(0, -1)}é`)],
          ['NUL', withProof('\u0000'.repeat(String(proof).length))],
        ];
        for (const [label, headers] of variants) {
          let verdict: boolean | string;
          try {
            verdict = subject.adapter.verify(request(body, headers), subject.secrets);
          } catch (err) {
            verdict = `threw ${String(err)}`;
          }
          expect(verdict, label).toBe(false);
        }
        const otherSecrets = Object.fromEntries(Object.entries(subject.secrets).map(([k, v]) => [k, `${v}-other`]));
        expect(subject.adapter.verify(request(body, good), otherSecrets), 'wrong secret').toBe(false);
        expect(subject.adapter.verify(request(body, good), {}), 'no secret').toBe(false);
      });

      it('compares proofs in constant time (crypto.timingSafeEqual), for good and forged ones', () => {
        const inbound = subject.inbound;
        const sample = inbound?.samples[0];
        if (!inbound || !sample) return;
        const body = Buffer.from(sample.body);
        const good = inbound.sign(body, inbound.url);
        const forged = { ...good, [inbound.signatureHeader]: forgeSameShape(String(good[inbound.signatureHeader])) };
        let verdict = true;
        expect(countTimingSafeEqualCalls(() => (verdict = subject.adapter.verify(request(body, forged), subject.secrets)))).toBeGreaterThan(0);
        expect(verdict).toBe(false);
        expect(countTimingSafeEqualCalls(() => (verdict = subject.adapter.verify(request(body, good), subject.secrets)))).toBeGreaterThan(0);
        expect(verdict).toBe(true);
      });
    });

    describe('parseInbound', () => {
      it('turns every documented payload into normalized events of the declared kinds', () => {
        const inbound = subject.inbound;
        if (!inbound) return;
        expect(inbound.samples.length).toBeGreaterThan(0);
        for (const sample of inbound.samples) {
          const { result, problems } = safeParse(request(Buffer.from(sample.body)));
          expect(problems, sample.name).toEqual([]);
          expect(result?.ok, `${sample.name}: ${JSON.stringify(result)}`).toBe(true);
          const events = result?.ok ? result.events : [];
          expect(
            events.map((e) => e.kind),
            sample.name,
          ).toEqual(sample.kinds);
          for (const event of events) {
            // The core files a message under an identity the channel proves; without one it is dropped.
            if (event.kind === 'message') expect(hasProvenIdentity(event.identities), `${sample.name}: a proven identity`).toBe(true);
          }
        }
        expect(
          inbound.samples.some((s) => s.kinds.includes('message')),
          'at least one sample is a customer message',
        ).toBe(true);
      });

      it('parses a redelivery exactly the same (provider ids are stable, so replays dedupe)', () => {
        const inbound = subject.inbound;
        if (!inbound) return;
        for (const sample of inbound.samples) {
          const first = safeParse(request(Buffer.from(sample.body))).result;
          const again = safeParse(request(Buffer.from(sample.body))).result;
          expect(again, sample.name).toEqual(first);
        }
      });

      it('answers garbage with a validation error or nothing the core would file, never a throw', () => {
        for (const { name: label, body } of GARBAGE_BODIES) {
          const { result, problems } = safeParse(request(body));
          expect(problems, label).toEqual([]);
          // Garbage never files a customer: any message it yields has no identity the core accepts.
          for (const e of result?.ok ? result.events : []) if (e.kind === 'message') expect(hasProvenIdentity(e.identities), label).toBe(false);
        }
      });

      it('survives every single-field corruption of the documented payloads: an error result or well-formed events, never a throw', () => {
        const inbound = subject.inbound;
        if (!inbound) return;
        const failures: string[] = [];
        for (const sample of inbound.samples) {
          for (const body of singleFieldCorruptions(sample.body, inbound.format)) {
            const { problems } = safeParse(request(body));
            if (problems.length > 0 && failures.length < 5)
              failures.push(`${sample.name} → ${body.toString('utf8').slice(0, 200)}: ${problems.join('; ').slice(0, 300)}`);
            try {
              const keys = subject.adapter.dispatchKeys?.(body) ?? [];
              if (!Array.isArray(keys) && failures.length < 5) failures.push(`dispatchKeys returned ${String(keys)}`);
            } catch (err) {
              if (failures.length < 5) failures.push(`dispatchKeys threw on ${body.toString('utf8').slice(0, 200)}: ${String(err)}`);
            }
          }
        }
        expect(failures).toEqual([]);
      });

      it('never throws on arbitrary or mutated provider payloads, and what it returns is well-formed (fast-check)', () => {
        const inbound = subject.inbound;
        const bodies = inbound
          ? fc.oneof(
              { arbitrary: arbitraryBodies, weight: 1 },
              {
                arbitrary: mutatedBodies(
                  inbound.samples.map((s) => s.body),
                  inbound.format,
                ),
                weight: 4,
              },
            )
          : arbitraryBodies;
        fc.assert(
          fc.property(bodies, (body) => {
            const { problems } = safeParse(request(body));
            expect(problems, body.toString('utf8').slice(0, 300)).toEqual([]);
            if (subject.adapter.dispatchKeys) {
              const keys = subject.adapter.dispatchKeys(body);
              expect(Array.isArray(keys) && keys.every((k) => typeof k === 'string')).toBe(true);
            }
          }),
          { numRuns: inbound ? FUZZ_RUNS : 50 },
        );
      });

      it('names its channel in app-level webhook bodies', () => {
        const app = subject.adapter.manifest.appWebhook;
        const inbound = subject.inbound;
        if (!app || !inbound) return;
        const own = subject.channel.config[app.configKey];
        expect(typeof own).toBe('string');
        const named = inbound.samples.filter((s) => subject.adapter.dispatchKeys?.(Buffer.from(s.body)).includes(String(own)));
        expect(named.length, 'samples whose dispatch keys name the channel').toBeGreaterThan(0);
        for (const { body } of GARBAGE_BODIES) expect(subject.adapter.dispatchKeys?.(body)).toEqual([]);
      });

      it('acknowledges what it parsed the way the provider expects', () => {
        const acknowledge = subject.adapter.acknowledge;
        if (!acknowledge) return;
        const batches: InboundEvent[][] = [[]];
        for (const sample of subject.inbound?.samples ?? []) {
          const { result } = safeParse(request(Buffer.from(sample.body)));
          if (result?.ok) batches.push(result.events);
        }
        for (const events of batches) {
          const reply = acknowledge(events);
          expect(reply.status).toBeGreaterThanOrEqual(200);
          expect(reply.status).toBeLessThan(300);
          expect(reply.contentType.length).toBeGreaterThan(0);
          expect(typeof reply.body).toBe('string');
        }
      });
    });

    describe('send', () => {
      it('delivers a text and returns the provider id', async () => {
        const { result, texts } = await sendUnder('ok', contextFor('Bonjour, votre commande part demain.'));
        expect(result.ok, JSON.stringify(result)).toBe(true);
        expect(texts).toEqual(['Bonjour, votre commande part demain.']);
        if (result.ok && subject.outbound.returnsProviderId) expect(result.providerMessageId).toEqual(expect.any(String));
        if (result.ok && !subject.outbound.returnsProviderId) expect(result.providerMessageId).toBeNull();
      });

      it('says a temporary failure (5xx, 429) is worth a retry', async () => {
        if (!outcomes().includes('retryable')) return;
        for (const status of subject.outbound.http ? [503, 500, 429] : [503]) {
          const { result } = await sendUnder('retryable', contextFor('Bonjour'), status);
          expect(result, `provider answering ${status}`).toMatchObject({ ok: false, retryable: true });
        }
      });

      it('says a refusal (4xx) is permanent', async () => {
        if (!outcomes().includes('permanent')) return;
        const { result } = await sendUnder('permanent', contextFor('Bonjour'));
        expect(result).toMatchObject({ ok: false, retryable: false });
      });

      it('says a dropped connection is worth a retry', async () => {
        if (!outcomes().includes('unreachable')) return;
        const { result } = await sendUnder('unreachable', contextFor('Bonjour'));
        expect(result).toMatchObject({ ok: false, retryable: true });
      });

      it('resolves, never rejects, without a recipient or credentials; such a failure is permanent', async () => {
        const cases: Array<[string, Partial<OutboundRequestContext>]> = [
          ['no recipient', { customer: { id: subject.outbound.customer.id, externalId: null, identities: [] } }],
          ['no secrets', { secrets: {} }],
          ['no config', { channel: { ...subject.channel, config: {} } }],
        ];
        for (const [label, overrides] of cases) {
          let settled: SendResult | string;
          try {
            settled = (await sendUnder('ok', contextFor('Bonjour', overrides))).result;
          } catch (err) {
            settled = `rejected: ${String(err)}`;
          }
          expect(typeof settled === 'object' && (settled.ok || settled.retryable === false), `${label}: ${JSON.stringify(settled)}`).toBe(true);
        }
      });

      it('sends a text of exactly maxTextLength whole, in one message', async () => {
        const max = subject.adapter.manifest.maxTextLength;
        if (max === null) return;
        const text = wordsOfLength(max);
        const { result, texts } = await sendUnder('ok', contextFor(text));
        expect(result.ok, JSON.stringify(result).slice(0, 300)).toBe(true);
        expect(texts.map((t) => t.trim())).toEqual([text]);
      });

      it('handles a text over maxTextLength as manifest.textOverflow declares', async () => {
        const { maxTextLength: max, textOverflow } = subject.adapter.manifest;
        const text = wordsOfLength((max ?? 10_000) * 2 + 37);
        const { result, texts } = await sendUnder('ok', contextFor(text));
        if (max === null) {
          expect(result.ok).toBe(true);
          expect(texts.map((t) => t.trim())).toEqual([text]);
          return;
        }
        if (textOverflow === 'reject') {
          expect(result).toMatchObject({ ok: false, retryable: false });
          expect(texts).toEqual([]);
          return;
        }
        expect(result.ok, JSON.stringify(result).slice(0, 300)).toBe(true);
        for (const part of texts) expect(part.length).toBeLessThanOrEqual(max);
        if (textOverflow === 'split') {
          expect(texts.length).toBeGreaterThan(1);
          // Nothing lost: the parts carry every word, in order.
          expect(texts.join(' ').split(/\s+/).filter(Boolean)).toEqual(text.split(/\s+/));
        } else {
          expect(texts).toHaveLength(1);
          expect(text.startsWith((texts[0] ?? '').replace(/…$/, ''))).toBe(true);
        }
      });
    });
  });
}

/** Words and spaces, with a paragraph break, exactly `length` characters long. */
function wordsOfLength(length: number): string {
  let text = '';
  for (let i = 0; text.length < length; i++) text += i === 0 ? 'mot0' : i % 50 === 0 ? `\n\nmot${i}` : ` mot${i}`;
  return text.slice(0, length).trimEnd().padEnd(length, 'x');
}

/** The text with the character at `index` replaced by another letter. */
function changeCharAt(text: string, index: number): string {
  const i = Math.max(0, Math.min(text.length - 1, index));
  const replacement = text.charAt(i) === 'q' ? 'z' : 'q';
  return text.slice(0, i) + replacement + text.slice(i + 1);
}
