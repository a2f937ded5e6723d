import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, postInbound, startTestServer } from './support/test-server.js';

describe('conversation list: customer names, last-message previews and unread counts', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let channel: { id: string; secret: string };

  beforeAll(async () => {
    server = await startTestServer();
    admin = new ApiClient(server.url);
    await admin.login();
    const created = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Site', config: { webhookUrl: 'http://127.0.0.1:9/hook' } });
    channel = { id: created.body.id, secret: created.body.secret };
  });
  afterAll(async () => server?.close());

  const listItem = async (conversationId: string) => {
    const page = await admin.request('GET', '/api/v1/conversations?limit=200');
    expect(page.status).toBe(200);
    return (page.body.items as Array<Record<string, any>>).find((c) => c.id === conversationId);
  };

  it('returns the customer and the last message with every item, and follows replies and notes', async () => {
    const inbound = await postInbound(server.url, channel.id, channel.secret, {
      customer: { externalId: 'list-1', name: 'Camille Martin' },
      message: { id: 'list-m1', text: 'Bonjour,\n\nOù en est   ma commande ?' },
    });
    expect(inbound.status).toBe(202);
    const { conversationId } = inbound.body as { conversationId: string };

    const first = await listItem(conversationId);
    expect(first).toMatchObject({
      customer: { name: 'Camille Martin' },
      lastMessage: { text: 'Bonjour, Où en est ma commande ?', authorKind: 'customer', visibility: 'public', seq: 1 },
      unread: 1,
    });
    expect(first?.customer.id).toBe(first?.customerId);
    expect(Date.parse(first?.lastMessage.at)).not.toBeNaN();

    const reply = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Elle part demain.' });
    expect(reply.status).toBe(201);
    expect(await listItem(conversationId)).toMatchObject({ lastMessage: { text: 'Elle part demain.', authorKind: 'agent', seq: 2 }, lastSeq: 2 });
    await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Client fidèle', visibility: 'note' });
    expect(await listItem(conversationId)).toMatchObject({ lastMessage: { text: 'Client fidèle', visibility: 'note', seq: 3 } });

    // The status filter keeps the same shape.
    const open = await admin.request('GET', '/api/v1/conversations?status=open');
    expect((open.body.items as Array<{ id: string; lastMessage: unknown }>).find((c) => c.id === conversationId)?.lastMessage).toMatchObject({ seq: 3 });
  });

  it('documents the new fields in the OpenAPI schema', async () => {
    const spec = await admin.request('GET', '/api/openapi.json');
    const item = spec.body.paths['/api/v1/conversations'].get.responses['200'].content['application/json'].schema.properties.items.items;
    expect(Object.keys(item.properties)).toEqual(expect.arrayContaining(['customer', 'lastMessage', 'unread']));
  });
});
