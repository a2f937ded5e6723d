import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { generateKeyringEntry } from '@parley/kernel';
import { createEmptyPostgresDatabase } from '@parley/storage-pg/testing';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, postInbound, waitFor } from './support/test-server.js';
import { ServerProcesses, type ServerProcess } from './support/processes.js';

// The "correct across processes": two real server processes (both running job workers)
// on one PostgreSQL. Dozens of advisors with small capacities, hundreds of conversations posted
// to both processes at once, then conversations resolved on both while routing goes on. At the
// end, in SQL: no conversation has two open assignments, no advisor is or ever was over
// capacity, counters match the assignments, and every conversation is routed or waiting.
const databaseServer = process.env.PARLEY_TEST_DATABASE_URL;
const redisUrl = process.env.PARLEY_TEST_REDIS_URL;

const AGENTS = 36;
const CONVERSATIONS = 400;
const RESOLVED = 80;

describe.skipIf(!databaseServer || !redisUrl)('routing race: two server processes on one PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  let servers: ServerProcesses;
  let a: ServerProcess;
  let b: ServerProcess;
  let sql: pg.Pool;

  beforeAll(async () => {
    database = await createEmptyPostgresDatabase(databaseServer as string);
    servers = new ServerProcesses({
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl as string,
      PARLEY_SECRET_KEY: generateKeyringEntry('race'),
      PARLEY_ADMIN_EMAIL: ADMIN_EMAIL,
      PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PARLEY_JOB_POLL_MS: '50',
      PARLEY_JOB_CONCURRENCY: '8',
      PARLEY_PUBLIC_RATE_LIMIT: '100000',
      PARLEY_LOGIN_RATE_LIMIT: '1000',
      PARLEY_OUTBOUND_ALLOW_HOSTS: '127.0.0.1,localhost',
      LOG_LEVEL: 'warn',
    });
    [a, b] = await servers.startAll([{ name: 'A' }, { name: 'B' }]);
    sql = new pg.Pool({ connectionString: database.url, max: 2 });
    // The database is dropped WITH (FORCE) at the end: a client still closing then gets 57P01, which an
    // unheard pool 'error' would turn into an uncaught exception of the test run.
    sql.on('error', () => undefined);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.error(`server output:\n${servers.log().slice(-20_000)}`);
  });

  afterAll(async () => {
    await servers?.killAll();
    await sql?.end();
    await database?.drop();
  });

  async function pool<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: width }, async () => {
        while (next < items.length) {
          const index = next++;
          await work(items[index] as T, index);
        }
      }),
    );
  }

  // Routing jobs due now (conversations waiting for lack of advisors also have a safety-net retry later).
  const pendingRoutingJobs = async () =>
    Number(
      (
        await sql.query(
          `select count(*)::int as n from jobs where status in ('pending', 'running') and run_at <= now() and (queue = 'conversation.route' or queue like 'routing.%')`,
        )
      ).rows[0].n,
    );

  it('never assigns a conversation twice and never puts an advisor over capacity', async () => {
    const adminA = new ApiClient(a.url);
    const adminB = new ApiClient(b.url);
    await adminA.login();
    await adminB.login();
    const channel = (await adminA.request('POST', '/api/v1/channels', { type: 'api', name: 'Race', config: { webhookUrl: 'http://127.0.0.1:9/hook' } }))
      .body as { id: string; secret: string };
    const queue = await adminA.request('POST', '/api/v1/queues', {
      name: 'Race',
      isDefault: true,
      channelIds: [channel.id],
      requiredSkills: [{ skill: 'race', minLevel: 1 }],
    });
    expect(queue.status).toBe(201);

    // Advisors: capacities of 1 to 4 chats; a few lack the skill and must never be chosen.
    const agents: Array<{ id: string; chat: number; skilled: boolean }> = [];
    await pool(
      Array.from({ length: AGENTS }, (_, i) => i),
      6,
      async (i) => {
        const api = i % 2 === 0 ? adminA : adminB;
        const user = await api.request('POST', '/api/v1/users', {
          email: `race-${i}@test.parley`,
          name: `Agent ${i}`,
          password: 'a long enough password',
          role: 'agent',
        });
        expect(user.status).toBe(201);
        const chat = 1 + (i % 4);
        const skilled = i % 9 !== 0;
        const profile = await api.request('PUT', `/api/v1/agents/${user.body.id}/routing`, {
          skills: skilled ? { race: 1 + (i % 5) } : { other: 5 },
          languages: ['fr'],
          capacity: { voice: 1, chat, async: 5, total: chat },
        });
        expect(profile.status).toBe(200);
        agents.push({ id: user.body.id, chat, skilled });
      },
    );
    // Half come online before the burst, half during it (their dispatch races with routing).
    const early = agents.slice(0, AGENTS / 2);
    const late = agents.slice(AGENTS / 2);
    await pool(
      early,
      6,
      async (agent, i) =>
        void expect((await (i % 2 ? adminA : adminB).request('PUT', `/api/v1/agents/${agent.id}/presence`, { presence: 'online' })).status).toBe(200),
    );

    // While everything races, sample the capacity invariant from a third connection: each
    // sample is one consistent snapshot of counters and open assignments.
    const violations: unknown[] = [];
    let samples = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const r = await sql.query(`
          select a.user_id, a.cap_chat, a.cap_total, a.load_chat, a.load_total, count(x.id)::int as open
            from routing_agents a left join routing_assignments x on x.agent_id = a.user_id and x.status in ('offered', 'active')
           group by 1, 2, 3, 4, 5
          having count(x.id) > a.cap_chat or a.load_chat > a.cap_chat or a.load_total > a.cap_total`);
        violations.push(...r.rows);
        samples++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const started = Date.now();
    await Promise.all([
      pool(
        Array.from({ length: CONVERSATIONS }, (_, i) => i),
        40,
        async (i) => {
          const target = i % 2 === 0 ? a : b;
          const res = await postInbound(target.url, channel.id, channel.secret, {
            customer: { externalId: `race-customer-${i}` },
            message: { id: `race-${i}`, text: `message ${i}` },
          });
          expect(res.status).toBe(202);
        },
      ),
      pool(
        late,
        4,
        async (agent, i) =>
          void expect((await (i % 2 ? adminA : adminB).request('PUT', `/api/v1/agents/${agent.id}/presence`, { presence: 'online' })).status).toBe(200),
      ),
    ]);
    await waitFor(async () => (await pendingRoutingJobs()) === 0, 120_000, 200);

    // Resolve assigned conversations from both processes while freed advisors get new ones.
    const assigned = (
      await sql.query(`select conversation_id from routing_assignments where status = 'active' order by conversation_id limit ${RESOLVED}`)
    ).rows.map((r) => r.conversation_id as string);
    await pool(assigned, 20, async (id, i) => {
      const res = await (i % 2 ? adminA : adminB).request('POST', `/api/v1/conversations/${id}/status`, { status: 'resolved' });
      expect(res.status).toBeLessThan(300);
    });
    await waitFor(async () => (await pendingRoutingJobs()) === 0, 120_000, 200);
    const elapsedMs = Date.now() - started;
    sampling = false;
    await sampler;
    expect(violations).toEqual([]);
    expect(samples).toBeGreaterThan(20);

    // 1. At most one open assignment per conversation (also a partial unique index).
    const doubles = await sql.query(
      `select conversation_id, count(*) from routing_assignments where status in ('offered', 'active') group by 1 having count(*) > 1`,
    );
    expect(doubles.rows).toEqual([]);

    // 2. No advisor over capacity now, and counters equal the open assignments.
    const loads = await sql.query(`
      select a.user_id, a.cap_chat, a.cap_total, a.load_chat, a.load_total, count(x.id)::int as open
        from routing_agents a left join routing_assignments x on x.agent_id = a.user_id and x.status in ('offered', 'active')
       group by 1, 2, 3, 4, 5`);
    expect(loads.rows).toHaveLength(AGENTS);
    for (const row of loads.rows) {
      expect(row.open, `advisor ${row.user_id}`).toBeLessThanOrEqual(row.cap_chat);
      expect(row.load_chat).toBe(row.open);
      expect(row.load_total).toBe(row.open);
    }

    // 3. Unskilled advisors were never chosen; every conversation is routed or waiting; the
    //    handler matches the open assignment.
    const unskilled = agents.filter((x) => !x.skilled).map((x) => x.id);
    expect(Number((await sql.query(`select count(*)::int as n from routing_assignments where agent_id = any($1)`, [unskilled])).rows[0].n)).toBe(0);
    const items = await sql.query(`select status, count(*)::int as n from routing_items group by 1`);
    const byStatus = Object.fromEntries(items.rows.map((r) => [r.status, r.n as number]));
    expect((byStatus.assigned ?? 0) + (byStatus.waiting ?? 0) + (byStatus.closed ?? 0)).toBe(CONVERSATIONS);
    expect(byStatus.closed).toBe(assigned.length);
    const mismatched = await sql.query(`
      select c.id from conversations c join routing_assignments x on x.conversation_id = c.id and x.status = 'active'
       where c.handler_kind <> 'agent' or c.handler_id::text <> x.agent_id::text`);
    expect(mismatched.rows).toEqual([]);

    // 4. Work-conserving: conversations wait only while every skilled advisor is full (a
    //    conversation that lost a wake-up race is picked up by its safety-net retry).
    const capacity = agents.filter((x) => x.skilled).reduce((n, x) => n + x.chat, 0);
    const expected = Math.min(capacity, CONVERSATIONS - assigned.length);
    const assignedAtQuiescence = byStatus.assigned ?? 0;
    await waitFor(
      async () => Number((await sql.query(`select count(*)::int as n from routing_items where status = 'assigned'`)).rows[0].n) === expected,
      45_000,
      250,
    );
    const history = await sql.query(`select count(*)::int as n from routing_assignments`);
    console.log(
      `routing race: ${CONVERSATIONS} conversations, ${AGENTS} advisors (capacity ${capacity}), 2 processes, ${assigned.length} resolved; assigned ${assignedAtQuiescence} at quiescence then ${expected}, waiting ${byStatus.waiting ?? 0}, ${history.rows[0].n} assignments, ${samples} invariant samples, in ${elapsedMs} ms`,
    );
  });
});
