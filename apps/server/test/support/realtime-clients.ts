import { io, type Socket } from 'socket.io-client';
import type { WidgetSession } from '@parley/realtime-protocol';

export interface Recorded {
  name: string;
  payload: any;
}

/** A socket.io client that records every event and can wait for one. */
export interface RecordingSocket {
  socket: Socket;
  events: Recorded[];
  next(name: string, match?: (payload: any) => boolean, timeoutMs?: number): Promise<any>;
  /** Emits with an acknowledgement (rejects on timeout). */
  ask<T = any>(name: string, payload: unknown, timeoutMs?: number): Promise<T>;
  close(): void;
}

function record(socket: Socket): RecordingSocket {
  const events: Recorded[] = [];
  const waiters = new Set<() => void>();
  socket.onAny((name: string, payload: unknown) => {
    events.push({ name, payload });
    for (const w of waiters) w();
  });
  return {
    socket,
    events,
    next(name, match = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find((e) => e.name === name && match(e.payload));
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found.payload);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no "${name}" event within ${timeoutMs} ms; got: ${events.map((e) => e.name).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    ask(name, payload, timeoutMs = 10_000) {
      return socket.timeout(timeoutMs).emitWithAck(name, payload);
    },
    close: () => socket.close(),
  };
}

export interface WidgetClient extends RecordingSocket {
  session: WidgetSession;
}

/** Opens a widget connection and waits for its `session`. */
export async function connectWidget(
  baseUrl: string,
  auth: { channelId: string; visitorToken?: string; locale?: 'fr' | 'en' },
  options: { transports?: string[]; origin?: string } = {},
): Promise<WidgetClient> {
  const socket = io(`${baseUrl}/widget`, {
    path: '/socket.io',
    auth,
    transports: options.transports ?? ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(options.origin ? { extraHeaders: { origin: options.origin } } : {}),
  });
  const recorder = record(socket);
  const session = await new Promise<WidgetSession>((resolve, reject) => {
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => reject(Object.assign(new Error(err.message), { code: err.data?.code })));
    recorder.next('session').then(resolve, reject);
  });
  return { ...recorder, session };
}

/** Opens an agent connection (API token or session cookie); resolves once connected. */
export async function connectAgent(baseUrl: string, credentials: { token?: string; cookie?: string; origin?: string }): Promise<RecordingSocket> {
  const headers: Record<string, string> = {};
  if (credentials.cookie) headers.cookie = credentials.cookie;
  if (credentials.origin) headers.origin = credentials.origin;
  const socket = io(`${baseUrl}/agent`, {
    path: '/socket.io',
    auth: credentials.token ? { token: credentials.token } : {},
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: headers,
  });
  const recorder = record(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => reject(Object.assign(new Error(err.message), { code: err.data?.code })));
  });
  return recorder;
}
