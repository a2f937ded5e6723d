import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createApiClient, csrfFromCookie } from '../api/api-client.js';
import { parleyApi } from '../api/parley-api.js';
import type { Channel, Me, Workspace } from '../api/types.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useAgentSocket } from '../realtime/use-agent-socket.js';
import { savePresence } from '../state/presence-storage.js';
import { SessionContext, type Session } from '../state/session-context.js';
import { AgentWorkspace } from './agent-workspace.js';
import { LoginScreen } from './login-screen.js';

type Phase = { kind: 'checking' } | { kind: 'anonymous' } | { kind: 'in'; me: Me };

/** Login screen or the workspace, depending on the session cookie. */
export function SessionGate() {
  const { setWorkspaceLocale } = useI18n();
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' });
  const csrf = useRef<string | null>(null);
  const api = useMemo(
    () =>
      parleyApi(
        createApiClient({
          getCsrfToken: () => csrf.current ?? csrfFromCookie(document.cookie),
          onUnauthenticated: () => setPhase((p) => (p.kind === 'in' ? { kind: 'anonymous' } : p)),
        }),
      ),
    [],
  );
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [memberNames, setMemberNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [channels, setChannels] = useState<ReadonlyMap<string, Channel>>(new Map());
  const signedIn = phase.kind === 'in';
  const { socket, connected } = useAgentSocket(signedIn);

  useEffect(() => {
    api.me().then(
      (me) => setPhase({ kind: 'in', me }),
      () => setPhase({ kind: 'anonymous' }),
    );
  }, [api]);

  useEffect(() => {
    if (!signedIn) return;
    api.workspace().then(
      (w) => {
        setWorkspace(w);
        setWorkspaceLocale(w.locale);
      },
      () => undefined,
    );
    api.members().then(
      (r) => setMemberNames(new Map(r.items.map((m) => [m.id, m.name]))),
      () => undefined,
    );
    // Agents may lack channels:read; the list then simply shows no channel type.
    api.channels().then(
      (r) => setChannels(new Map(r.items.map((c) => [c.id, c]))),
      () => undefined,
    );
  }, [api, signedIn, setWorkspaceLocale]);

  const onLogin = useCallback(
    async (email: string, password: string) => {
      const result = await api.login(email, password);
      csrf.current = result.csrfToken;
      savePresence('online');
      setPhase({ kind: 'in', me: { user: result.user, workspaceId: result.workspaceId, role: result.role, permissions: result.permissions } });
    },
    [api],
  );

  const onLogout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      csrf.current = null;
      setPhase({ kind: 'anonymous' });
    }
  }, [api]);

  const session = useMemo<Session | null>(
    () => (phase.kind === 'in' ? { api, me: phase.me, workspace, memberNames, channels, socket, live: connected } : null),
    [api, phase, workspace, memberNames, channels, socket, connected],
  );

  if (phase.kind === 'checking') return <div className="splash" aria-busy="true" />;
  if (!session) return <LoginScreen onLogin={onLogin} />;
  return (
    <SessionContext.Provider value={session}>
      <AgentWorkspace onLogout={onLogout} />
    </SessionContext.Provider>
  );
}
