import { createContext, useContext } from 'react';
import type { ParleyApi } from '../api/parley-api.js';
import type { Channel, Me, Workspace } from '../api/types.js';
import type { AgentSocket } from '../realtime/agent-socket.js';

export interface Session {
  api: ParleyApi;
  me: Me;
  workspace: Workspace | null;
  /** userId → name, for agent authors. */
  memberNames: ReadonlyMap<string, string>;
  channels: ReadonlyMap<string, Channel>;
  socket: AgentSocket | null;
  /** The socket is up; otherwise hooks poll REST. */
  live: boolean;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}

/** How often REST is polled while the socket is down. */
export const POLL_MS = 4_000;
