import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '@parley/kernel';
import { ApiClient, postInbound, startTestServer, waitFor } from './support/test-server.js';

interface HookHit {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: any;
}

/** A local routing hook whose answer (status, JSON body, delay) each test scripts. */
async function startRoutingHook(): Promise<{
  url: string;
  hits: HookHit[];
  answer: (hit: HookHit) => Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}> {
  const hook = {
    url: '',
    hits: [] as HookHit[],
    answer: async (_hit: HookHit): Promise<{ status: number; body: unknown }> => ({ status: 200, body: { agentId: null } }),
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const hit = { headers: req.headers, rawBody, body: JSON.parse(rawBody) };
      hook.hits.push(hit);
      void hook.answer(hit).then(({ status, body }) => {
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/route`;
  hook.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve(undefined));
    });
  return hook;
}

// The external routing hook: signed request with the eligible advisors; its advisor gets the
// conversation; a timeout or an ineligible answer falls back to Parley's choice; the timeline's
// explanation says which path decided.
describe('external routing hook', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let hook: Awaited<ReturnType<typeof startRoutingHook>>;
  let channel: { id: string; secret: string };
  let secret: string;
  let expert: string;
  let junior: string;
  let offline: string;
  let seq = 0;

  beforeAll(async () => {
    server = await startTestServer();
    hook = await startRoutingHook();
    admin = new ApiClient(server.url);
    await admin.login();
    channel = (await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Hook', config: { webhookUrl: 'http://127.0.0.1:9/hook' } })).body;
    await admin.request('POST', '/api/v1/queues', { name: 'Conseil', channelIds: [channel.id], requiredSkills: [{ skill: 'advice', minLevel: 1 }] });
    const agent = async (name: string, level: number, online: boolean) => {
      const email = `hook-${++seq}@test.parley`;
      const created = await admin.request('POST', '/api/v1/users', { email, name, password: 'a long enough password', role: 'agent' });
      await admin.request('PUT', `/api/v1/agents/${created.body.id}/routing`, {
        skills: { advice: level },
        languages: [],
        capacity: { voice: 0, chat: 10, async: 5, total: 10 },
      });
      if (online) await admin.request('PUT', `/api/v1/agents/${created.body.id}/presence`, { presence: 'online' });
      return created.body.id as string;
    };
    expert = await agent('Experte', 5, true);
    junior = await agent('Junior', 2, true);
    offline = await agent('Absent', 5, false);
    const settings = await admin.request('PUT', '/api/v1/routing/settings', { hook: { url: hook.url, timeoutMs: 300 } });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ hook: { url: hook.url, timeoutMs: 300 }, hookSecret: expect.any(String) });
    secret = settings.body.hookSecret;
    // The secret is shown once.
    expect((await admin.request('GET', '/api/v1/routing/settings')).body).toEqual({ emotionPriority: false, hook: { url: hook.url, timeoutMs: 300 } });
  });
  afterAll(async () => {
    await server?.close();
    await hook?.close();
  });

  async function routed(text: string): Promise<{ agentId: string; explanation: { en: string; fr: string }; factors: any[] }> {
    const res = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: `c-${++seq}` }, message: { id: `m-${++seq}`, text } });
    expect(res.status).toBe(202);
    return waitFor(async () => {
      const c = (await admin.request('GET', `/api/v1/conversations/${res.body.conversationId}`)).body;
      const events = (await admin.request('GET', `/api/v1/customers/${c.customerId}/timeline?limit=50`)).body.items as any[];
      const assigned = events.find((e) => (e.type ?? e.event?.type) === 'conversation.assigned');
      const payload = assigned?.payload ?? assigned?.event?.payload;
      return payload ? { agentId: payload.agentId, explanation: payload.explanation, factors: payload.factors } : null;
    });
  }

  it("assigns to the hook's advisor, from a signed request listing the eligible advisors", async () => {
    hook.answer = async () => ({ status: 200, body: { agentId: junior } });
    const result = await routed('Bonjour, un conseil ?');
    expect(result.agentId).toBe(junior);
    expect(result.explanation.en).toMatch(/^assigned to Junior: chosen by the routing hook/);
    expect(result.explanation.fr).toMatch(/^attribuée à Junior : choisi par le hook de routage/);
    const hit = hook.hits.at(-1) as HookHit;
    expect(verifySignature(secret, hit.rawBody, hit.headers['x-parley-signature'] as string)).toBe(true);
    expect(hit.headers['x-parley-delivery']).toEqual(expect.any(String));
    expect(hit.body.type).toBe('routing.choose_agent');
    // Parley's order, offline advisors left out; what Parley would have done.
    expect(hit.body.eligibleAgents.map((a: any) => a.id)).toEqual([expert, junior]);
    expect(hit.body.parleyChoice.agentId).toBe(expert);
  });

  it("falls back to Parley's choice when the hook does not answer in time", async () => {
    hook.answer = () => new Promise((resolve) => setTimeout(() => resolve({ status: 200, body: { agentId: junior } }), 2_000));
    const started = Date.now();
    const result = await routed('Toujours là ?');
    expect(result.agentId).toBe(expert);
    expect(result.explanation.en).toContain("routing hook timed out, Parley's choice");
    expect(result.factors[0]).toMatchObject({ kind: 'hook', outcome: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("falls back to Parley's choice when the hook answers an ineligible advisor (or garbage)", async () => {
    hook.answer = async () => ({ status: 200, body: { agentId: offline } });
    const ineligible = await routed('Une question');
    expect(ineligible.agentId).toBe(expert);
    expect(ineligible.factors[0]).toEqual({ kind: 'hook', outcome: 'ineligible', agentId: offline });
    expect(ineligible.explanation.fr).toContain('hook de routage : conseiller non éligible, choix de Parley');

    hook.answer = async () => ({ status: 500, body: { oops: true } });
    expect((await routed('Encore une')).factors[0]).toMatchObject({ kind: 'hook', outcome: 'error' });
    hook.answer = async () => ({ status: 200, body: { agent: junior } });
    expect((await routed('Et une autre')).factors[0]).toMatchObject({ kind: 'hook', outcome: 'invalid' });
  });

  it('removes the hook: Parley decides alone again', async () => {
    const hits = hook.hits.length;
    expect((await admin.request('PUT', '/api/v1/routing/settings', { hook: null })).body).toMatchObject({ hook: null, hookSecret: null });
    const result = await routed('Sans hook');
    expect(result.agentId).toBe(expert);
    expect(result.factors.some((f) => f.kind === 'hook')).toBe(false);
    expect(hook.hits.length).toBe(hits);
  });
});
