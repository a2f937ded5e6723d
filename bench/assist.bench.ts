/**
 * Agent assist benchmark: suggestion latency of `GET /api/v1/conversations/{id}/suggestions`
 * (p50/p99, through Fastify's inject: routing, auth, validation, reading the conversation, language
 * detection, the knowledge-base engine and serialisation) against the demo knowledge base on an
 * in-process server (PGlite, the product default), beside the raw engine query time for the same
 * questions in the same run.
 *
 *   npm run bench:assist -- [--conversations 20] [--requests 1000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, release, tmpdir, type as osType } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { generateKeyringEntry, loadConfig } from '@parley/kernel';
import { composeServer } from '@parley/server';
import { receiveInboundMessage } from '@parley/use-cases';

const { values: args } = parseArgs({ options: { conversations: { type: 'string', default: '20' }, requests: { type: 'string', default: '1000' } } });
const CONVERSATIONS = Math.max(1, Number(args.conversations));
const REQUESTS = Math.max(10, Number(args.requests));
const ADMIN_EMAIL = 'bench@parley.local';
const ADMIN_PASSWORD = 'bench password 1234';
const QUESTIONS = [
  'Quels sont les délais de livraison ?',
  'Où en est ma commande ? Je voudrais la suivre',
  'Comment retourner un article et être remboursé ?',
  'Quels moyens de paiement acceptez-vous ?',
  'How long does delivery take?',
  'Can I return my order?',
  'La garantie couvre combien de temps ?',
  'Quels sont les horaires de la boutique ?',
];

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-assist-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_SECRET_KEY: generateKeyringEntry('bench'),
    PARLEY_ADMIN_EMAIL: ADMIN_EMAIL,
    PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PARLEY_LOGIN_RATE_LIMIT: '1000',
    LOG_LEVEL: 'silent',
  });
  const server = await composeServer(config, { logger: pino({ level: 'silent' }) });
  try {
    const channelId = server.context.demoChannelId;
    if (!channelId) throw new Error('the demo channel is off (PARLEY_DEMO)');
    const ids: string[] = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      const text = QUESTIONS[i % QUESTIONS.length] ?? '';
      const r = await receiveInboundMessage(server.context.useCases, {
        workspaceId: server.workspaceId,
        channelId,
        providerMessageId: `bench-${i}`,
        identities: [{ kind: 'external_id', raw: `bench-customer-${i}`, scope: 'bench', verified: true, provenance: 'channel' }],
        displayName: `Client ${i}`,
        content: { v: 1, blocks: [{ type: 'text', text }] },
        text,
      });
      ids.push(r.conversationId);
    }
    const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

    // Warm-up builds the engine's index once (it is cached per workspace).
    for (const id of ids) await server.app.inject({ method: 'GET', url: `/api/v1/conversations/${id}/suggestions`, headers: { cookie } });

    const api: number[] = [];
    let suggestions = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const id = ids[i % ids.length] ?? '';
      const start = performance.now();
      const res = await server.app.inject({ method: 'GET', url: `/api/v1/conversations/${id}/suggestions`, headers: { cookie } });
      api.push(performance.now() - start);
      if (res.statusCode !== 200) throw new Error(`suggestions answered ${res.statusCode}: ${res.body}`);
      suggestions += (res.json() as { items: unknown[] }).items.length;
    }

    const { engine } = await server.context.knowledge.engines.get(server.workspaceId);
    const raw: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const question = QUESTIONS[i % QUESTIONS.length] ?? '';
      const start = performance.now();
      await engine.answer({ question, k: 5 });
      raw.push(performance.now() - start);
    }
    api.sort((a, b) => a - b);
    raw.sort((a, b) => a - b);
    console.log(`# Agent assist benchmark — ${REQUESTS} requests over ${CONVERSATIONS} conversations, demo knowledge base, PGlite`);
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${osType()} ${release()}, Node ${process.version}`);
    console.log('| measure | p50 | p99 | max |');
    console.log('| --- | --- | --- | --- |');
    console.log(`| GET /suggestions (in-process, end to end) | ${ms(percentile(api, 50))} | ${ms(percentile(api, 99))} | ${ms(api.at(-1) ?? NaN)} |`);
    console.log(`| raw engine query (k = 5) | ${ms(percentile(raw, 50))} | ${ms(percentile(raw, 99))} | ${ms(raw.at(-1) ?? NaN)} |`);
    console.log(`suggestions per request: ${(suggestions / REQUESTS).toFixed(2)}`);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
