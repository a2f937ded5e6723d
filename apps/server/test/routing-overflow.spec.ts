import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer } from './support/test-server.js';

// Overflow between queues is saved only when it cannot go round in a loop: a queue overflowing
// to itself, or a chain that comes back to it (A → B → A, A → C → B → A), is refused at save.
describe('queue overflow loops through the API', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    admin = new ApiClient(server.url);
    await admin.login();
  });
  afterAll(async () => server?.close());

  const create = async (name: string, overflowTo?: string): Promise<string> => {
    const res = await admin.request('POST', '/api/v1/queues', { name, ...(overflowTo ? { overflow: { afterSec: 60, queueId: overflowTo } } : {}) });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const overflowTo = (id: string, queueId: string | null) =>
    admin.request('PATCH', `/api/v1/queues/${id}`, { overflow: queueId ? { afterSec: 120, queueId } : null });

  it('refuses A → B → A and longer loops with validation_failed naming the loop, and keeps the queue as it was', async () => {
    const a = await create('Accueil');
    const b = await create('Billing', a);
    const c = await create('Commandes', b);

    const twoHops = await overflowTo(a, b);
    expect(twoHops.status).toBe(422);
    expect(twoHops.body.error).toMatchObject({
      code: 'validation_failed',
      message: 'Overflow would go round in a loop: Accueil → Billing → Accueil',
      details: [{ path: '/overflow/queueId', message: 'closes the overflow loop Accueil → Billing → Accueil' }],
    });
    const threeHops = await overflowTo(a, c);
    expect(threeHops.status).toBe(422);
    expect(threeHops.body.error.message).toBe('Overflow would go round in a loop: Accueil → Commandes → Billing → Accueil');
    const self = await overflowTo(a, a);
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('validation_failed');

    const queues = (await admin.request('GET', '/api/v1/queues')).body.items as Array<{ id: string; overflow: unknown }>;
    expect(queues.find((q) => q.id === a)?.overflow).toBeNull();

    // Breaking the chain makes the same overflow legal.
    expect((await overflowTo(b, null)).status).toBe(200);
    expect((await overflowTo(a, c)).status).toBe(200);
    // Now A → C → B: pointing B at A would close the loop from the other end, and is refused too.
    expect((await overflowTo(b, a)).status).toBe(422);
  });

  it('still checks that the overflow queue exists, and lets a queue with a dangling overflow be edited otherwise', async () => {
    const res = await admin.request('POST', '/api/v1/queues', {
      name: 'Orpheline',
      overflow: { afterSec: 60, queueId: '01890000-0000-7000-8000-000000000000' },
    });
    expect(res.status).toBe(404);
    const target = await create('Cible');
    const source = await create('Source', target);
    expect((await admin.request('DELETE', `/api/v1/queues/${target}`)).status).toBe(204);
    expect((await admin.request('PATCH', `/api/v1/queues/${source}`, { name: 'Source renommée' })).status).toBe(200);
  });
});
