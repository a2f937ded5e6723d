import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { sql } from 'kysely';
import { pino } from 'pino';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { generateKeyringEntry, loadConfig } from '@parley/kernel';
import { createTestDatabase } from '@parley/storage-pg/testing';
import { composeServer, type ParleyServer } from '../src/compose.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, postInbound } from './support/test-server.js';

describe('secret key rotation', () => {
  let server: ParleyServer | null = null;
  afterAll(async () => server?.close());

  it('re-wraps channel secrets under a new key at start and keeps verifying signatures', async () => {
    const database = await createTestDatabase();
    const oldKey = generateKeyringEntry('old');
    const newKey = generateKeyringEntry('new');
    const env = (key: string) =>
      loadConfig({ PORT: '0', PARLEY_DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-rot-')), PARLEY_SECRET_KEY: key, PARLEY_ADMIN_EMAIL: ADMIN_EMAIL, PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'silent', PARLEY_WORKERS: 'false', PARLEY_OUTBOUND_ALLOW_HOSTS: '127.0.0.1' });
    const start = async (key: string) => {
      const s = await composeServer(env(key), { database: { ...database, close: async () => undefined }, logger: pino({ level: 'silent' }) });
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      return { s, url: `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}` };
    };
    let { s, url } = await start(oldKey);
    const admin = new ApiClient(url);
    await admin.login();
    const channel = (await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Rot', config: { webhookUrl: 'http://127.0.0.1:9/h' } })).body;
    await s.close();

    ({ s, url } = await start(`${newKey},${oldKey}`));
    server = s;
    const row = await database.db.selectFrom('channels').select('secrets').where('id', '=', channel.id).executeTakeFirstOrThrow();
    expect((row.secrets as { kid: string }).kid).toBe('new');
    const inbound = await postInbound(url, channel.id, channel.secret, { customer: { externalId: 'r' }, message: { id: 'r1', text: 'still works' } });
    expect(inbound.status).toBe(202);
    await s.close();
    server = null;
    await database.close();
  });

  it('re-wraps customer connector secret headers too, and the connector still sends them', async () => {
    const database = await createTestDatabase();
    const oldKey = generateKeyringEntry('old');
    const newKey = generateKeyringEntry('new');
    const seen: Array<string | undefined> = [];
    const brand = createServer((req, res) => {
      seen.push(req.headers['x-api-key'] as string | undefined);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"name":"Premium"}');
    });
    await new Promise<void>((resolve) => brand.listen(0, '127.0.0.1', resolve));
    const env = (key: string) =>
      loadConfig({ PORT: '0', PARLEY_DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-rot-')), PARLEY_SECRET_KEY: key, PARLEY_ADMIN_EMAIL: ADMIN_EMAIL, PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'silent', PARLEY_WORKERS: 'false', PARLEY_OUTBOUND_ALLOW_HOSTS: '127.0.0.1', PARLEY_DEMO: 'false' });
    const start = async (key: string) => {
      const s = await composeServer(env(key), { database: { ...database, close: async () => undefined }, logger: pino({ level: 'silent' }) });
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      return { s, url: `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}` };
    };
    let { s, url } = await start(oldKey);
    let admin = new ApiClient(url);
    await admin.login();
    const urlTemplate = `http://127.0.0.1:${(brand.address() as AddressInfo).port}/c/{{customer.id}}`;
    const connector = (await admin.request('POST', '/api/v1/customer-connectors', { name: 'crm', label: 'CRM', urlTemplate, secretHeaders: { 'x-api-key': 'k-123' }, mapping: { title: '{{name}}' } })).body;
    const channel = (await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Rot', config: { webhookUrl: 'http://127.0.0.1:9/h' } })).body;
    const inbound = await postInbound(url, channel.id, channel.secret, { customer: { externalId: 'rc' }, message: { id: 'rc1', text: 'hi' } });
    const customerId = (await admin.request('GET', `/api/v1/conversations/${inbound.body.conversationId}`)).body.customerId;
    await s.close();

    ({ s, url } = await start(`${newKey},${oldKey}`));
    server = s;
    const { rows } = await sql<{ sealed_secrets: { kid: string } }>`select sealed_secrets from customer_connectors where id = ${connector.id}`.execute(database.db);
    expect(rows[0]?.sealed_secrets.kid).toBe('new');
    admin = new ApiClient(url);
    await admin.login();
    const cards = await admin.request('GET', `/api/v1/customers/${customerId}/cards`);
    expect(cards.body.items[0]).toMatchObject({ status: 'ok', cards: [{ title: 'Premium' }] });
    expect(seen).toEqual(['k-123']);
    await s.close();
    server = null;
    await new Promise<void>((resolve) => brand.close(() => resolve()));
    await database.close();
  });
});
