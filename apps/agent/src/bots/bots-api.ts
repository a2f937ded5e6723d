import type { ApiClient } from '../api/api-client.js';

/** A bot as `/api/v1/bots` returns it. */
export interface BotSummary {
  id: string;
  name: string;
  version: number;
  publishedVersion: number | null;
  definition: Record<string, unknown>;
  /** Names only: secret values are write-only. */
  secretNames: string[];
  updatedAt: string;
}

/** Satisfaction answers by level. */
export interface CsatCounts {
  responses: number;
  good: number;
  neutral: number;
  bad: number;
}

/** `GET /api/v1/bots/{id}/stats`: rates in [0, 1], null before any conversation or turn. */
export interface BotStats {
  botId: string;
  conversations: number;
  contained: number;
  handedOff: number;
  turns: number;
  fallbackTurns: number;
  outcomes: Record<string, number>;
  containmentRate: number | null;
  handoffRate: number | null;
  fallbackRate: number | null;
  channels: Array<{ id: string; name: string; type: string }>;
  csat: CsatCounts & { byScenario: Record<string, CsatCounts> };
}

/** What the bot recorded on handing off (`bot.handoff` event payload). */
export interface HandoffPayload {
  reason: string;
  skill?: string;
  summary: {
    reason: string;
    intent: string | null;
    slots: Record<string, string>;
    sentimentTrend: { direction: 'improving' | 'worsening' | 'stable'; average: number; current: number };
    lastMessages: Array<{ from: 'customer' | 'bot'; text: string; at: string }>;
    language: string;
  };
}

/** A block of a bot message (the content blocks the channels render). */
export type ConsoleBlock =
  | { type: 'text'; text: string }
  | { type: 'buttons'; text?: string; buttons: Array<{ id: string; label: string; payload?: string }> }
  | { type: 'quick_replies'; text?: string; replies: Array<{ id: string; label: string; payload?: string }> }
  | { type: 'cards'; cards: Array<{ title: string; subtitle?: string }> };

/** `POST /api/v1/bots/{id}/console`: one turn of the draft, explained. */
export interface ConsoleTurn {
  replies: ConsoleBlock[][];
  /** Opaque to the app: sent back with the next turn. */
  state: Record<string, unknown>;
  nlu: {
    language: string;
    intent: string | null;
    confidence: number;
    oos: boolean;
    threshold: number;
    ranking: Array<{ intent: string; confidence: number }>;
    features: Array<{ feature: string; kind: string; weight: number }>;
  };
  entities: Array<{ kind: string; name: string; text: string; normalized: string }>;
  slots: Record<string, string>;
  attributes: Record<string, unknown>;
  decision: { kind: string; [key: string]: unknown };
  http: Array<{ stepId: string; method: string; url: string; ok: boolean; status: number; body: unknown }>;
  notes: Array<{ kind: string; [key: string]: unknown }>;
}

/** What an intent import changed (`POST /api/v1/bots/{id}/import`). */
export interface ImportReport {
  created: string[];
  updated: string[];
  phrasesAdded: number;
  phrasesKnown: number;
  answersAdded: number;
  entities: string[];
  skipped: Array<{ item: string; reason: string }>;
}

/** One saved version of a bot (`GET /api/v1/bots/{id}/versions`). */
export interface BotVersionSummary {
  version: number;
  name: string;
  savedAt: string;
  savedBy: { id: string; name: string } | null;
  publishedAt: string | null;
  publishedBy: { id: string; name: string } | null;
}

const id = (v: string) => encodeURIComponent(v);

/** The bot endpoints the admin uses, typed. */
export function botsApi(client: ApiClient) {
  return {
    list: () => client.request<{ items: BotSummary[] }>('GET', '/api/v1/bots'),
    stats: (botId: string) => client.request<BotStats>('GET', `/api/v1/bots/${id(botId)}/stats`),
    exportDefinition: (botId: string) => client.request<Record<string, unknown>>('GET', `/api/v1/bots/${id(botId)}/export`),
    get: (botId: string) => client.request<BotSummary>('GET', `/api/v1/bots/${id(botId)}`),
    /** Saves a new draft version (422 `validation_failed` with `details.issues` when the definition is invalid). */
    save: (botId: string, definition: Record<string, unknown>) => client.request<BotSummary>('PUT', `/api/v1/bots/${id(botId)}`, { body: definition }),
    publish: (botId: string) => client.request<BotSummary>('POST', `/api/v1/bots/${id(botId)}/publish`),
    /** Sets (a value) or removes (null) secrets; answers the names only. */
    setSecrets: (botId: string, secrets: Record<string, string | null>) =>
      client.request<{ names: string[] }>('PUT', `/api/v1/bots/${id(botId)}/secrets`, { body: { secrets } }),
    /** One test turn of the saved draft; `state` is the previous turn's (null starts over). */
    consoleTurn: (botId: string, text: string, state: Record<string, unknown> | null) =>
      client.request<ConsoleTurn>('POST', `/api/v1/bots/${id(botId)}/console`, { body: { text, state } }),
    /** Merges a Rasa nlu.yml (phrases in `lang`) or a Dialogflow ES agent ZIP into the draft. */
    importIntents: (botId: string, format: 'rasa' | 'dialogflow', file: Blob, lang: string) =>
      client.request<{ bot: BotSummary; report: ImportReport }>(
        'POST',
        `/api/v1/bots/${id(botId)}/import?format=${format}${format === 'rasa' ? `&lang=${encodeURIComponent(lang)}` : ''}`,
        { file: { data: file, type: format === 'rasa' ? 'text/yaml' : 'application/zip' } },
      ),
    versions: (botId: string) => client.request<{ items: BotVersionSummary[] }>('GET', `/api/v1/bots/${id(botId)}/versions`),
    version: (botId: string, version: number) =>
      client.request<BotVersionSummary & { definition: Record<string, unknown> }>('GET', `/api/v1/bots/${id(botId)}/versions/${version}`),
    /** Saves an old version as the new draft version. */
    restoreVersion: (botId: string, version: number) => client.request<BotSummary>('POST', `/api/v1/bots/${id(botId)}/versions/${version}/restore`),
    /** Imports a YAML definition as a new bot (the server reads the YAML). */
    createFromYaml: (yaml: string) => client.request<BotSummary>('POST', '/api/v1/bots', { file: { data: yaml, type: 'application/yaml' } }),
    /** Imports a definition as a new bot. */
    create: (definition: Record<string, unknown>) => client.request<BotSummary>('POST', '/api/v1/bots', { body: definition }),
  };
}

/** A rate as a whole percentage ("0 %", "67 %"), or "—" before any data. */
export function percent(rate: number | null, locale: string): string {
  if (rate === null) return '—';
  const value = Math.round(rate * 100);
  return locale.startsWith('en') ? `${value}%` : `${value} %`;
}

/** The `bot.handoff` payload of a timeline event, when it has the expected shape. */
export function handoffPayloadOf(payload: Record<string, unknown>): HandoffPayload | null {
  const summary = payload.summary as HandoffPayload['summary'] | undefined;
  if (!summary || typeof summary !== 'object' || !Array.isArray(summary.lastMessages) || !summary.sentimentTrend) return null;
  return { reason: String(payload.reason ?? summary.reason ?? ''), summary: { ...summary, slots: summary.slots ?? {} } };
}
