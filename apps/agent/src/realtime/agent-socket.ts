import { io, type Socket } from 'socket.io-client';
import type { AgentClientEvents, AgentServerEvents } from '@parley/realtime-protocol';

export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

/**
 * The `/agent` namespace on the same origin; the httpOnly session cookie authenticates the
 * handshake. It keeps retrying in the background: the app polls REST meanwhile.
 * @example const socket = connectAgentSocket(); socket.on('message:created', console.log);
 */
export function connectAgentSocket(): AgentSocket {
  return io('/agent', { path: '/socket.io', withCredentials: true, reconnectionDelay: 2_000, reconnectionDelayMax: 15_000, timeout: 10_000 });
}
