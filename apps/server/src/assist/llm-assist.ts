import { performance } from 'node:perf_hooks';
import { newId } from '@parley/kernel';
import { actorOf, requirePermission, type AssistLlmSettings, type LlmCallRecord, type LlmPromptMessage, type Principal } from '@parley/domain';
import type { AssistDeps, LlmAssistDeps } from './assist-deps.js';
import { chatCompletion, type LlmEndpoint } from './llm-client.js';

/** The workspace's LLM settings as admins see them: the API key is never returned, only whether one is set. */
export interface LlmSettingsView {
  /** Whether the workspace has its own settings (else the server default applies, when there is one). */
  configured: boolean;
  /** Whether drafts and summaries use an LLM now. */
  enabled: boolean;
  /** Where the LLM in use comes from. */
  source: 'workspace' | 'server' | 'none';
  /** The server-wide default (PARLEY_LLM_URL), without its key. */
  serverDefault: { baseUrl: string; model: string } | null;
  baseUrl: string | null;
  model: string | null;
  timeoutMs: number;
  apiKeySet: boolean;
  updatedAt: string | null;
}

/** What an admin sends; `apiKey` left out keeps the stored key, null removes it. */
export interface LlmSettingsInput {
  baseUrl: string;
  model: string;
  apiKey?: string | null;
  timeoutMs?: number;
  enabled: boolean;
}

/** A local model on a CPU can take a while to write a paragraph. */
export const DEFAULT_LLM_TIMEOUT_MS = 20_000;

function view(s: AssistLlmSettings | null, server: LlmEndpoint | null): LlmSettingsView {
  const serverDefault = server ? { baseUrl: server.baseUrl, model: server.model } : null;
  if (!s)
    return {
      configured: false,
      enabled: server !== null,
      source: server ? 'server' : 'none',
      serverDefault,
      baseUrl: null,
      model: null,
      timeoutMs: DEFAULT_LLM_TIMEOUT_MS,
      apiKeySet: false,
      updatedAt: null,
    };
  return {
    configured: true,
    enabled: s.enabled,
    source: 'workspace',
    serverDefault,
    baseUrl: s.baseUrl,
    model: s.model,
    timeoutMs: s.timeoutMs,
    apiKeySet: s.apiKeySealed !== null,
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** The LLM a workspace uses: its own settings when it has them, else the server default; null when none is enabled. */
async function effectiveLlm(deps: AssistDeps, workspaceId: string): Promise<{ model: string; endpoint: () => LlmEndpoint } | null> {
  const { llm } = deps;
  if (!llm) return null;
  const own = await deps.assist(deps.store.read).getLlmSettings(workspaceId);
  if (own) {
    if (!own.enabled) return null;
    return {
      model: own.model,
      // Opened only when calling, so a key sealed under a retired secret key fails that call, not the page.
      endpoint: () => ({
        baseUrl: own.baseUrl,
        model: own.model,
        timeoutMs: own.timeoutMs,
        apiKey: own.apiKeySealed === null ? null : (llm.sealer.open(own.apiKeySealed).apiKey ?? null),
      }),
    };
  }
  const server = llm.serverDefault ?? null;
  return server ? { model: server.model, endpoint: () => server } : null;
}

/**
 * The workspace's LLM settings (needs `workspace:manage`).
 *
 * @example
 * const { enabled, apiKeySet } = await llmSettings(deps, admin);
 */
export async function llmSettings(deps: AssistDeps, principal: Principal): Promise<LlmSettingsView> {
  requirePermission(principal, 'workspace:manage');
  return view(await deps.assist(deps.store.read).getLlmSettings(principal.workspaceId), deps.llm?.serverDefault ?? null);
}

/**
 * Saves the workspace's LLM endpoint (needs `workspace:manage`), sealing the API key at rest.
 *
 * @example
 * await saveLlmSettings(deps, admin, { baseUrl: 'http://localhost:11434/v1', model: 'mistral', enabled: true });
 */
export async function saveLlmSettings(deps: LlmAssistDeps, principal: Principal, input: LlmSettingsInput): Promise<LlmSettingsView> {
  requirePermission(principal, 'workspace:manage');
  await deps.store.transaction(async (tx) => {
    const repo = deps.assist(tx);
    const current = await repo.getLlmSettings(principal.workspaceId);
    const apiKeySealed =
      input.apiKey === undefined ? (current?.apiKeySealed ?? null) : input.apiKey === null ? null : deps.llm.sealer.seal({ apiKey: input.apiKey });
    await repo.saveLlmSettings(principal.workspaceId, {
      baseUrl: input.baseUrl.replace(/\/+$/, ''),
      model: input.model.trim(),
      apiKeySealed,
      timeoutMs: input.timeoutMs ?? current?.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS,
      enabled: input.enabled,
      updatedAt: deps.clock.now(),
    });
  });
  return llmSettings(deps, principal);
}

/**
 * Removes the workspace's own LLM settings and key (needs `workspace:manage`): the server default
 * applies again, when there is one.
 *
 * @example
 * await clearLlmSettings(deps, admin);
 */
export async function clearLlmSettings(deps: AssistDeps, principal: Principal): Promise<LlmSettingsView> {
  requirePermission(principal, 'workspace:manage');
  await deps.store.transaction((tx) => deps.assist(tx).saveLlmSettings(principal.workspaceId, null));
  return llmSettings(deps, principal);
}

/**
 * Whether the workspace has an enabled LLM (what the agent app asks before showing "Draft with AI").
 *
 * @example
 * if (await llmEnabled(deps, principal.workspaceId)) …
 */
export async function llmEnabled(deps: AssistDeps, workspaceId: string): Promise<boolean> {
  return (await effectiveLlm(deps, workspaceId)) !== null;
}

/**
 * Asks the workspace's LLM and records the call (prompt, output or error, latency) in the audit
 * table. Returns the text, or null when no LLM is enabled or anything failed: the caller then
 * takes its path without the model, so the agent never sees an LLM error.
 *
 * @example
 * const text = await askLlm(deps, principal, { purpose: 'summary', conversationId, messages, temperature: 0.2, maxTokens: 300 });
 */
export async function askLlm(
  deps: AssistDeps,
  principal: Principal,
  call: { purpose: LlmCallRecord['purpose']; conversationId: string | null; messages: LlmPromptMessage[]; temperature: number; maxTokens: number },
): Promise<string | null> {
  const effective = await effectiveLlm(deps, principal.workspaceId);
  if (!effective || !deps.llm) return null;
  const started = performance.now();
  let output: string | null = null;
  let error: string | null = null;
  try {
    const result = await chatCompletion(deps.llm.http, effective.endpoint(), call.messages, { temperature: call.temperature, maxTokens: call.maxTokens });
    if (result.ok) output = result.text;
    else error = result.error;
  } catch {
    // Only the key can throw here (sealed under a key no longer in the keyring); its text is never logged.
    error = 'the API key could not be opened';
  }
  const record: LlmCallRecord = {
    id: newId(),
    workspaceId: principal.workspaceId,
    actor: actorOf(principal),
    purpose: call.purpose,
    conversationId: call.conversationId,
    model: effective.model,
    prompt: call.messages,
    output,
    error,
    latencyMs: Math.round(performance.now() - started),
    createdAt: deps.clock.now(),
  };
  try {
    await deps.store.transaction((tx) => deps.assist(tx).recordLlmCall(record));
  } catch {
    // A generated text that cannot be audited is not shown.
    return null;
  }
  return output;
}

/** One audit row as the API returns it. */
export interface LlmAuditItem {
  id: string;
  actor: { kind: string; id: string | null };
  purpose: LlmCallRecord['purpose'];
  conversationId: string | null;
  model: string;
  prompt: LlmPromptMessage[];
  output: string | null;
  error: string | null;
  latencyMs: number;
  createdAt: string;
}

/**
 * The workspace's LLM calls, newest first (needs `workspace:manage`); `nextCursor` pages on.
 *
 * @example
 * const { items, nextCursor } = await llmAudit(deps, admin, { cursor: null, limit: 50 });
 */
export async function llmAudit(
  deps: AssistDeps,
  principal: Principal,
  page: { cursor: string | null; limit: number },
): Promise<{ items: LlmAuditItem[]; nextCursor: string | null }> {
  requirePermission(principal, 'workspace:manage');
  const rows = await deps.assist(deps.store.read).listLlmCalls(principal.workspaceId, { before: page.cursor, limit: page.limit + 1 });
  const items = rows.slice(0, page.limit).map((r): LlmAuditItem => ({
    id: r.id,
    actor: r.actor,
    purpose: r.purpose,
    conversationId: r.conversationId,
    model: r.model,
    prompt: r.prompt,
    output: r.output,
    error: r.error,
    latencyMs: r.latencyMs,
    createdAt: r.createdAt.toISOString(),
  }));
  return { items, nextCursor: rows.length > page.limit ? (items[items.length - 1]?.id ?? null) : null };
}
