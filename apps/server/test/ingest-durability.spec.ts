import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { sql } from 'kysely';
import { generateKeyringEntry, loadConfig } from '@parley/kernel';
import { composeServer, type ParleyServer } from '../src/compose.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, postInbound } from './support/test-server.js';

const CUSTOMERS = 100;
const PER_CUSTOMER = 10;

// The durability test: 1,000 signed messages from 100 customers in parallel, each
// customer's messages one after another; all stored once, in order, still there after a
// restart of the embedded database, and replays add nothing.
describe('ingest durability on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-durability-'));
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_SECRET_KEY: generateKeyringEntry('dur'),
    PARLEY_ADMIN_EMAIL: ADMIN_EMAIL,
    PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PARLEY_OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    PARLEY_PUBLIC_RATE_LIMIT: '100000',
    LOG_LEVEL: 'silent',
  };
  let server: ParleyServer | null = null;

  async function start(): Promise<{ server: ParleyServer; url: string }> {
    const s = await composeServer(loadConfig(env), { logger: pino({ level: 'silent' }) });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    server = s;
    return { server: s, url: `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}` };
  }
  afterAll(async () => server?.close());

  it('stores 1,000 parallel messages exactly once, in order, across a restart', async () => {
    let { url } = await start();
    const admin = new ApiClient(url);
    await admin.login();
    const channel = (await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Load', config: { webhookUrl: 'http://127.0.0.1:9/hook' } })).body;
    const bodies = (c: number, i: number) => ({
      customer: { externalId: `load-${c}` },
      message: { id: `load-${c}-${i}`, text: `message ${i} of customer ${c}` },
    });

    const results = await Promise.all(
      Array.from({ length: CUSTOMERS }, async (_, c) => {
        const out: Array<{ status: number; conversationId: string }> = [];
        for (let i = 0; i < PER_CUSTOMER; i++) {
          const res = await postInbound(url, channel.id, channel.secret, bodies(c, i));
          out.push({ status: res.status, conversationId: res.body.conversationId });
        }
        return out;
      }),
    );
    expect(results.flat().every((r) => r.status === 202)).toBe(true);
    for (const perCustomer of results) expect(new Set(perCustomer.map((r) => r.conversationId)).size).toBe(1);

    const countMessages = async (s: ParleyServer) => Number((await sql<{ n: string }>`select count(*) as n from messages`.execute(s.database.db)).rows[0]?.n);
    expect(await countMessages(server as ParleyServer)).toBe(CUSTOMERS * PER_CUSTOMER);

    // Restart on the same data folder: everything is still there.
    await (server as ParleyServer).close();
    server = null;
    ({ url } = await start());
    expect(await countMessages(server as unknown as ParleyServer)).toBe(CUSTOMERS * PER_CUSTOMER);
    // Every customer's conversation holds its ten messages in send order, numbered 1..10 (one query for all 100).
    const stored = await sql<{ conversation_id: string; texts: string[]; seqs: number[] }>`
      select conversation_id, array_agg(text order by seq) as texts, array_agg(seq::int order by seq) as seqs
        from messages group by conversation_id`.execute((server as unknown as ParleyServer).database.db);
    const byConversation = new Map(stored.rows.map((row) => [row.conversation_id, row]));
    expect(byConversation.size).toBe(CUSTOMERS);
    results.forEach((perCustomer, c) => {
      const row = byConversation.get(perCustomer[0]?.conversationId as string);
      expect(row?.texts, `customer ${c}`).toEqual(Array.from({ length: PER_CUSTOMER }, (_, i) => `message ${i} of customer ${c}`));
      expect(row?.seqs, `customer ${c}`).toEqual(Array.from({ length: PER_CUSTOMER }, (_, i) => i + 1));
    });
    // The API serves them in the same order after the restart.
    const again = new ApiClient(url);
    await again.login();
    const last = CUSTOMERS - 1;
    const messages = await again.request('GET', `/api/v1/conversations/${results[last]?.[0]?.conversationId}/messages?limit=50`);
    expect(messages.body.items.map((m: { text: string }) => m.text)).toEqual(
      Array.from({ length: PER_CUSTOMER }, (_, i) => `message ${i} of customer ${last}`),
    );

    // Replays (a provider retrying its webhooks) add nothing.
    const replays = await Promise.all(
      Array.from({ length: 200 }, (_, k) => postInbound(url, channel.id, channel.secret, bodies(k % CUSTOMERS, Math.floor(k / CUSTOMERS)))),
    );
    expect(replays.every((r) => r.status === 202 && r.body.duplicate === true)).toBe(true);
    expect(await countMessages(server as unknown as ParleyServer)).toBe(CUSTOMERS * PER_CUSTOMER);
  });
});
