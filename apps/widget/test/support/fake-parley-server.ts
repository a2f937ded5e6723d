import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WidgetConfig, WidgetMessage, WidgetSession } from '@parley/realtime-protocol';
import { Server as SocketServer, type Socket } from 'socket.io';

export const CHANNEL_ID = '7f8e6d1c-2b3a-4c5d-8e9f-0a1b2c3d4e5f';
export const XSS = '<img src=x onerror=alert(1)>';

export interface Received {
  event: string;
  input: unknown;
  auth: Record<string, unknown>;
}

/**
 * Plays the Parley server for browser tests: serves widget.js and the config, and speaks the
 * widget protocol with scripted answers. The host page is served from another origin.
 */
export async function startFakeParley(widgetSource: string, config: Partial<WidgetConfig> = {}) {
  const received: Received[] = [];
  /** The handshake auth of each connection, in order. */
  const handshakes: Array<Record<string, unknown>> = [];
  const sockets: Socket[] = [];
  let seq = 10;
  const history: WidgetMessage[] = [
    agentMessage(1, XSS, XSS),
    {
      ...agentMessage(2, 'Que souhaitez-vous faire ?', 'Camille'),
      author: { kind: 'bot', name: 'Camille' },
      blocks: [
        { type: 'text', text: 'Que souhaitez-vous faire ?' },
        {
          type: 'buttons',
          buttons: [
            { id: 'b1', label: 'Suivre ma commande', payload: 'TRACK' },
            { id: 'b2', label: 'Aide', url: 'https://help.example/' },
          ],
        },
        {
          type: 'cards',
          cards: [
            { title: 'Robe d’été', subtitle: '49 €' },
            { title: 'Sandales', subtitle: '39 €' },
          ],
        },
      ],
    },
  ];
  const fullConfig: WidgetConfig = {
    channelId: CHANNEL_ID,
    brandName: 'Boutique Lumière',
    primaryColor: '#6b3fa0',
    greeting: { fr: 'Bonjour ! Comment pouvons-nous vous aider ?', en: 'Hello! How can we help?' },
    defaultLocale: 'fr',
    available: true,
    prechat: { enabled: false, requireEmail: false },
    rules: {},
    helpCenterUrl: null,
    attachments: { maxBytes: 5_000_000, types: ['image/png', 'image/jpeg', 'application/pdf'] },
    ...config,
  };

  const parley = createServer((req, res) => route(req, res));
  function route(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('access-control-allow-origin', '*');
    if (req.url === '/widget.js') {
      res.setHeader('content-type', 'text/javascript');
      res.end(widgetSource);
    } else if (req.url === `/api/v1/widget/${CHANNEL_ID}/config`) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(fullConfig));
    } else {
      res.statusCode = 404;
      res.end();
    }
  }
  const io = new SocketServer(parley, { path: '/socket.io', cors: { origin: '*' } });
  io.of('/widget').on('connection', (socket) => {
    sockets.push(socket);
    const auth = socket.handshake.auth as Record<string, unknown>;
    handshakes.push(auth);
    const record = (event: string) => (input: unknown, ack?: (r: unknown) => void) => {
      received.push({ event, input, auth });
      if (event === 'message:send' && ack) {
        const { clientMessageId, text } = input as { clientMessageId: string; text?: string };
        const message: WidgetMessage = { ...agentMessage(++seq, text ?? '', null), author: { kind: 'customer', name: null }, status: 'sent', clientMessageId };
        history.push(message);
        ack({ ok: true, message });
      } else if (ack) ack({ ok: true, verified: false });
    };
    for (const event of ['message:send', 'typing', 'read', 'identify', 'context:set', 'prechat:submit', 'csat:submit']) socket.on(event, record(event));
    const session: WidgetSession = {
      visitorToken: typeof auth.visitorToken === 'string' ? auth.visitorToken : 'vt-0123456789abcdefghijklmnop',
      customerId: 'cust-1',
      conversation: { id: 'conv-1', status: 'open' },
      messages: history,
      identity: { name: null, email: null, verified: false },
      csatPending: null,
    };
    socket.emit('session', session);
  });
  await listen(parley);

  const host = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="fr"><head><title>Boutique</title>
<style>body{font-family:Georgia,serif;background:#fafafa} div{all:unset;color:red!important} button{background:lime!important}</style>
<script>window.Parley = window.Parley || { q: [] }; Parley.q.push(['on', 'message', function (m) { (window.__messages = window.__messages || []).push(m.id); }]);</script>
</head><body><h1>Boutique Lumière</h1><p>Page produit.</p>
<script src="${parleyUrl}/widget.js" data-channel="${CHANNEL_ID}" async></script></body></html>`);
  });
  await listen(host);
  // Different ports, so different origins: the widget must talk to the server it came from.
  const parleyUrl = `http://127.0.0.1:${(parley.address() as AddressInfo).port}`;
  const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;

  return {
    parleyUrl,
    hostUrl,
    received,
    handshakes,
    /** Server → every connected widget. */
    emit(event: string, payload: unknown): void {
      io.of('/widget').emit(event, payload);
    },
    nextSeq: () => ++seq,
    async close(): Promise<void> {
      for (const socket of sockets) socket.disconnect(true);
      await io.close();
      await new Promise((r) => host.close(r));
    },
  };
}

function agentMessage(seq: number, text: string, name: string | null): WidgetMessage {
  return {
    id: `m-${seq}`,
    conversationId: 'conv-1',
    seq,
    author: { kind: 'agent', name },
    blocks: [{ type: 'text', text }],
    text,
    createdAt: new Date().toISOString(),
    status: 'sent',
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}
