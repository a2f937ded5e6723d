import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, postInbound, startTestServer, startWebhookReceiver, waitFor } from './support/test-server.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('attachments', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let admin: ApiClient;
  let session: { cookie: string; csrf: string };

  beforeAll(async () => {
    server = await startTestServer();
    receiver = await startWebhookReceiver();
    admin = new ApiClient(server.url);
    const me = await admin.login();
    session = { cookie: (admin as unknown as { cookie: string }).cookie, csrf: String(me.csrfToken) };
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  const upload = (body: Buffer, type: string, name = 'facture.pdf') =>
    fetch(`${server.url}/api/v1/attachments?fileName=${encodeURIComponent(name)}`, { method: 'POST', headers: { 'content-type': type, cookie: session.cookie, 'x-csrf-token': session.csrf }, body });

  it('accepts a PDF checked on its bytes and refuses a disguised file', async () => {
    const ok = await upload(PDF, 'application/pdf');
    expect(ok.status).toBe(201);
    const disguised = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'image/png', 'x.png');
    expect(disguised.status).toBe(422);
    expect(((await disguised.json()) as { error: { code: string } }).error.code).toBe('attachment_rejected');
    const html = await upload(Buffer.from('<html></html>'), 'text/html', 'x.html');
    expect(html.status).toBe(415);
  });

  it('sends a reply with an attachment as a signed, expiring link', async () => {
    const channel = (await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Files', config: { webhookUrl: receiver.url } })).body;
    const inbound = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'f-1' }, message: { id: 'f-m1', text: 'Can I have my invoice?' } });
    const file = (await (await upload(PDF, 'application/pdf', '../../etc/facture "mars".pdf')).json()) as { id: string; fileName: string };
    expect(file.fileName).toBe('facture _mars_.pdf');
    const reply = await admin.request('POST', `/api/v1/conversations/${inbound.body.conversationId}/messages`, { text: 'Voici votre facture', attachmentIds: [file.id] });
    expect(reply.status).toBe(201);
    await waitFor(() => receiver.hits.length > 0);
    const block = receiver.hits[0]?.body.message.content.blocks.find((b: { type: string }) => b.type === 'attachment');
    expect(block).toMatchObject({ attachmentId: file.id, contentType: 'application/pdf' });
    const link = new URL(block.url);
    const download = await fetch(`${server.url}${link.pathname}${link.search}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    link.searchParams.set('sig', 'forged');
    expect((await fetch(`${server.url}${link.pathname}${link.search}`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/v1/attachments/${file.id}`)).status).toBe(401);
  });
});
