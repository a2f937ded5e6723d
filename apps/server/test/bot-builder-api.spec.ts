import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer } from './support/test-server.js';

// The bot builder's API: the test console runs the draft and explains each turn without storing
// or sending anything; Rasa and Dialogflow exports merge into the draft's intents.
const fixture = (name: string) => readFileSync(new URL(`../../../packages/bots/src/import/fixtures/${name}`, import.meta.url));

describe('bot builder API (test console, imports)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let echo: { server: Server; url: string; hits: Array<{ headers: Record<string, unknown>; body: string }> };
  let lumi: { id: string; definition: Record<string, unknown> };

  beforeAll(async () => {
    server = await startTestServer();
    admin = new ApiClient(server.url);
    await admin.login();
    // A back-office that echoes what it got, secrets included: the console must not show them.
    const hits: Array<{ headers: Record<string, unknown>; body: string }> = [];
    const http = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        hits.push({ headers: req.headers, body });
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            status: 'shipped',
            statusLabel: 'expédiée',
            deliveryDate: '2025-06-12',
            carrier: 'Colissimo',
            echo: { authorization: req.headers.authorization, body },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    echo = { server: http, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/orders`, hits };
    lumi = (await admin.request('GET', '/api/v1/bots')).body.items.find((b: { name: string }) => b.name === 'Lumi');
  });
  afterAll(async () => {
    await new Promise((resolve) => echo?.server.close(resolve));
    await server?.close();
  });

  it('runs the draft turn by turn with the NLU explanation, real HTTP calls and masked secrets, and writes nothing', async () => {
    const definition = structuredClone(lumi.definition) as { scenarios: Array<{ id: string; steps: Array<Record<string, unknown>> }> };
    const lookup = definition.scenarios.find((s) => s.id === 'order_tracking')?.steps.find((s) => s.id === 'lookup');
    Object.assign(lookup ?? {}, {
      method: 'POST',
      url: echo.url,
      headers: { authorization: 'Bearer {{secrets.TOKEN}}' },
      body: '{"ref":"{{slots.orderRef}}"}',
    });
    const bot = (await admin.request('POST', '/api/v1/bots', { ...definition, name: 'Lumi console' })).body;
    await admin.request('PUT', `/api/v1/bots/${bot.id}/secrets`, { secrets: { TOKEN: 'tok-console-s3cret' } });
    const conversationsBefore = (await admin.request('GET', '/api/v1/conversations?limit=100')).body.items.length;

    const first = await admin.request('POST', `/api/v1/bots/${bot.id}/console`, { text: 'Bonjour, où en est ma commande ?' });
    expect(first.status).toBe(200);
    expect(first.body.nlu).toMatchObject({ language: 'fr', intent: 'track_order', oos: false });
    expect(first.body.nlu.ranking[0].intent).toBe('track_order');
    expect(first.body.nlu.features.length).toBeGreaterThan(0);
    expect(first.body.decision).toMatchObject({ kind: 'scenario', scenarioId: 'order_tracking', stepId: 'ask_ref' });
    expect(JSON.stringify(first.body.replies)).toContain('numéro de commande');

    const second = await admin.request('POST', `/api/v1/bots/${bot.id}/console`, { text: 'CMD-10042', state: first.body.state });
    expect(second.status).toBe(200);
    expect(echo.hits).toHaveLength(1);
    expect(echo.hits[0]?.headers.authorization).toBe('Bearer tok-console-s3cret');
    expect(second.body.http[0]).toMatchObject({ stepId: 'lookup', method: 'POST', url: echo.url, status: 200, ok: true });
    expect(second.body.http[0].body.echo.authorization).toBe('Bearer ••••••');
    expect(JSON.stringify(second.body)).not.toContain('tok-console-s3cret');
    expect(second.body.slots).toEqual({ orderRef: 'CMD-10042' });
    expect(JSON.stringify(second.body.replies)).toContain('expédiée');

    // No conversation, no message: the console is not a channel.
    expect((await admin.request('GET', '/api/v1/conversations?limit=100')).body.items.length).toBe(conversationsBefore);
  });

  it('sends no one-time code and accepts the documented test code', async () => {
    const first = await admin.request('POST', `/api/v1/bots/${lumi.id}/console`, { text: 'je voudrais changer mon adresse de livraison' });
    expect(first.body.notes).toContainEqual({ kind: 'otp_not_sent', code: '123456' });
    const verified = await admin.request('POST', `/api/v1/bots/${lumi.id}/console`, { text: '123 456', state: first.body.state });
    expect(verified.body.attributes.verified).toMatchObject({ via: 'sms' });
    expect(verified.body.decision).toMatchObject({ kind: 'scenario', stepId: 'ask_address' });
  });

  it('refuses a malformed state, an unknown bot and an agent', async () => {
    expect((await admin.request('POST', `/api/v1/bots/${lumi.id}/console`, { text: 'bonjour', state: { lang: 'fr' } })).status).toBe(422);
    expect((await admin.request('POST', `/api/v1/bots/${lumi.id}/console`, { text: '' })).status).toBe(422);
    expect((await admin.request('POST', '/api/v1/bots/0190a8a0-0000-7000-8000-000000000000/console', { text: 'bonjour' })).status).toBe(404);
    const agent = { email: 'agent-console@test.parley', name: 'Agent', password: 'a long enough password', role: 'agent' };
    expect((await admin.request('POST', '/api/v1/users', agent)).status).toBe(201);
    const client = new ApiClient(server.url);
    await client.login(agent.email, agent.password);
    expect((await client.request('POST', `/api/v1/bots/${lumi.id}/console`, { text: 'bonjour' })).status).toBe(403);
  });

  it('imports a Rasa nlu.yml into the draft, then a Dialogflow agent, with a report; the console then understands the new phrases', async () => {
    const bot = (await admin.request('POST', '/api/v1/bots', { ...lumi.definition, name: 'Lumi import' })).body;
    const rasa = await admin.requestRaw('POST', `/api/v1/bots/${bot.id}/import?format=rasa&lang=fr`, fixture('rasa-nlu-fr.yml'), 'text/yaml');
    expect(rasa.status).toBe(200);
    expect(rasa.body.report).toMatchObject({ created: ['greet', 'suivi_commande', 'horaires'], entities: ['jour', 'order_ref', 'ville'] });
    expect(rasa.body.report.skipped).toHaveLength(3);
    expect(rasa.body.bot.version).toBe(bot.version + 1);
    expect(rasa.body.bot.publishedVersion).toBeNull();
    const horaires = rasa.body.bot.definition.intents.find((i: { id: string }) => i.id === 'horaires');
    expect(horaires.phrases.fr).toContain('à quelle heure ouvre le magasin de Lyon');

    const dialogflow = await admin.requestRaw('POST', `/api/v1/bots/${bot.id}/import?format=dialogflow`, fixture('dialogflow-agent.zip'), 'application/zip');
    expect(dialogflow.status).toBe(200);
    expect(dialogflow.body.report).toMatchObject({ created: ['horaires_magasin'], updated: ['suivi_commande'], answersAdded: 2 });
    const saved = (await admin.request('GET', `/api/v1/bots/${bot.id}`)).body;
    expect(saved.definition.answers).toContainEqual({
      intent: 'horaires_magasin',
      text: { fr: 'Nous sommes ouverts du lundi au samedi, de 9 h à 19 h.', en: 'We are open Monday to Saturday, 9 am to 7 pm.' },
    });

    const turn = await admin.request('POST', `/api/v1/bots/${bot.id}/console`, { text: 'à quelle heure fermez-vous le samedi ?' });
    expect(turn.body.nlu.ranking.map((c: { intent: string }) => c.intent)).toContain('horaires_magasin');

    const wrongLang = await admin.requestRaw('POST', `/api/v1/bots/${bot.id}/import?format=rasa&lang=de`, fixture('rasa-nlu-fr.yml'), 'text/yaml');
    expect(wrongLang.status).toBe(422);
    const notZip = await admin.requestRaw('POST', `/api/v1/bots/${bot.id}/import?format=dialogflow`, 'hello', 'application/zip');
    expect(notZip.status).toBe(422);
    expect(notZip.body.error.details.issues).toEqual(['not a ZIP archive (no central directory)']);
    const notRasa = await admin.requestRaw('POST', `/api/v1/bots/${bot.id}/import?format=rasa`, 'rules: []', 'text/plain');
    expect(notRasa.status).toBe(422);
    expect((await admin.request('GET', `/api/v1/bots/${bot.id}`)).body.version).toBe(saved.version);
  });

  it('keeps every saved version with its author, shows one and restores it into the draft', async () => {
    const created = (await admin.request('POST', '/api/v1/bots', { ...lumi.definition, name: 'Lumi history' })).body;
    const v1 = created.definition;
    const v2 = { ...v1, thresholds: { intent: 0.7, answer: 0.5 } };
    expect((await admin.request('PUT', `/api/v1/bots/${created.id}`, v2)).body.version).toBe(2);
    expect((await admin.request('POST', `/api/v1/bots/${created.id}/publish`)).body.publishedVersion).toBe(2);
    await admin.request('PUT', `/api/v1/bots/${created.id}`, { ...v2, name: 'Lumi history 3' });

    const history = await admin.request('GET', `/api/v1/bots/${created.id}/versions`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(history.body.items[0]).toMatchObject({ name: 'Lumi history 3', savedBy: { name: expect.any(String) }, publishedAt: null });
    expect(history.body.items[1].publishedAt).not.toBeNull();
    expect(history.body.items[1].publishedBy).toEqual(history.body.items[1].savedBy);
    expect(history.body.items[2].savedBy).not.toBeNull();

    const one = await admin.request('GET', `/api/v1/bots/${created.id}/versions/1`);
    expect(one.body.definition).toEqual(v1);
    expect((await admin.request('GET', `/api/v1/bots/${created.id}/versions/9`)).status).toBe(404);

    const restored = await admin.request('POST', `/api/v1/bots/${created.id}/versions/1/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ version: 4, publishedVersion: 2, name: 'Lumi history' });
    expect(restored.body.definition).toEqual(v1);
    expect((await admin.request('GET', `/api/v1/bots/${created.id}/versions`)).body.items.map((v: { version: number }) => v.version)).toEqual([4, 3, 2, 1]);
    // The published definition is still version 2 until the next publish.
    expect((await admin.request('GET', `/api/v1/bots/${created.id}/versions/2`)).body.definition.thresholds.intent).toBe(0.7);

    // Another workspace's bot, or a bot that does not exist, has no history here.
    expect((await admin.request('GET', '/api/v1/bots/0190a8a0-0000-7000-8000-000000000000/versions')).status).toBe(404);
  });

  it('exports the definition as YAML and imports it back, as a new bot or a new draft', async () => {
    const exported = await admin.fetchRaw(`/api/v1/bots/${lumi.id}/export?format=yaml`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('application/yaml');
    expect(exported.headers.get('content-disposition')).toMatch(/\.yaml"$/);
    const yaml = await exported.text();
    expect(yaml).toContain('format: parley-bot/1');
    expect(yaml).not.toContain('"intents"');

    const created = await admin.requestRaw('POST', '/api/v1/bots', yaml.replace(/^name: Lumi$/m, 'name: Lumi YAML'), 'application/yaml');
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('Lumi YAML');
    expect(created.body.definition).toEqual({ ...lumi.definition, name: 'Lumi YAML' });
    const saved = await admin.requestRaw('PUT', `/api/v1/bots/${created.body.id}`, yaml.replace(/^name: Lumi$/m, 'name: Lumi YAML 2'), 'text/yaml');
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ name: 'Lumi YAML 2', version: 2 });

    const broken = await admin.requestRaw('POST', '/api/v1/bots', 'name: [unclosed', 'application/yaml');
    expect(broken.status).toBe(422);
    expect(broken.body.error.message).toContain('Invalid YAML');
    const incomplete = await admin.requestRaw('POST', '/api/v1/bots', 'name: Sans persona\n', 'application/yaml');
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.details.issues.some((i: string) => i.startsWith('persona'))).toBe(true);
  });
});
