import { randomToken } from '@parley/kernel';
import { actorOf, requirePermission, type Principal } from '@parley/domain';
import type { RoutingSettings } from '@parley/routing';
import type { UseCaseDeps } from '../deps.js';
import { routingOf } from './routing-effects.js';

/** The workspace's routing options as the API shows them: the hook's secret never comes back. */
export interface RoutingSettingsView {
  emotionPriority: boolean;
  hook: { url: string; timeoutMs: number } | null;
}

export interface RoutingSettingsPatch {
  emotionPriority?: boolean;
  /** null removes the hook; a new URL keeps the secret unless `rotateSecret`. */
  hook?: { url: string; timeoutMs?: number; rotateSecret?: boolean } | null;
}

/** Default time the external routing hook has to answer. */
export const ROUTING_HOOK_TIMEOUT_MS = 800;

function view(settings: RoutingSettings): RoutingSettingsView {
  return { emotionPriority: settings.emotionPriority, hook: settings.hook ? { url: settings.hook.url, timeoutMs: settings.hook.timeoutMs } : null };
}

/**
 * The workspace's routing options (emotion priority, external routing hook). Agents read them.
 *
 * @example
 * const { emotionPriority } = await getRoutingSettings(deps, principal);
 */
export async function getRoutingSettings(deps: UseCaseDeps, principal: Principal): Promise<RoutingSettingsView> {
  requirePermission(principal, 'routing:work');
  return view(await routingOf(deps, deps.store.read).getSettings(principal.workspaceId));
}

/**
 * Changes the workspace's routing options, recording `routing.settings_changed`. Setting a hook
 * for the first time (or with `rotateSecret`) makes a new signing secret, sealed at rest and
 * returned once as `hookSecret`, like a channel's.
 *
 * @example
 * const { hookSecret } = await updateRoutingSettings(deps, principal, { hook: { url: 'https://crm.example/route' } });
 */
export async function updateRoutingSettings(
  deps: UseCaseDeps,
  principal: Principal,
  patch: RoutingSettingsPatch,
): Promise<RoutingSettingsView & { hookSecret: string | null }> {
  requirePermission(principal, 'routing:manage');
  return deps.store.transaction(async (tx) => {
    const routing = routingOf(deps, tx);
    const current = await routing.getSettings(principal.workspaceId);
    let hookSecret: string | null = null;
    let hook = current.hook;
    if (patch.hook === null) hook = null;
    else if (patch.hook) {
      let sealedSecret = current.hook?.sealedSecret;
      if (!current.hook || patch.hook.rotateSecret) {
        hookSecret = randomToken(32);
        sealedSecret = deps.secrets.seal({ secret: hookSecret });
      }
      hook = { url: patch.hook.url, timeoutMs: patch.hook.timeoutMs ?? current.hook?.timeoutMs ?? ROUTING_HOOK_TIMEOUT_MS, sealedSecret };
    }
    const next: RoutingSettings = { workspaceId: principal.workspaceId, emotionPriority: patch.emotionPriority ?? current.emotionPriority, hook };
    await routing.saveSettings(next);
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'routing.settings_changed',
      payload: { ...view(next), secretRotated: hookSecret !== null },
      actor: actorOf(principal),
    });
    return { ...view(next), hookSecret };
  });
}
