import type { ContextValue } from './chat-session.js';

export interface ScriptSettings {
  channelId: string;
  locale: string | undefined;
  /** Initial context, for pages whose CSP forbids inline scripts (no `Parley.setContext` call). */
  context: Record<string, ContextValue> | null;
}

/**
 * Reads the snippet's data attributes: `data-channel`, `data-locale`, `data-context` (JSON), each
 * also accepted with a `parley-` prefix (`data-parley-channel`…). Null without a channel.
 * @example readScriptSettings(document.currentScript) // { channelId: '…', locale: 'fr', context: { cartValue: 378 } }
 */
export function readScriptSettings(script: { dataset: DOMStringMap }): ScriptSettings | null {
  const data = script.dataset;
  const channelId = (data.channel ?? data.parleyChannel)?.trim();
  if (!channelId) return null;
  return { channelId, locale: data.locale ?? data.parleyLocale, context: parseContext(data.context ?? data.parleyContext) };
}

function parseContext(raw: string | undefined): Record<string, ContextValue> | null {
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    console.warn('[parley] data-context is not valid JSON');
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const context: Record<string, ContextValue> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') context[key] = value;
  }
  return context;
}
