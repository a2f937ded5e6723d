import { createOutboundHttp, type OutboundHttp } from '@parley/http-outbound';
import { pgBotRepositoryFor } from '@parley/storage-pg';
import { answerForWorkspace, type BotServices, type KnowledgeDeps } from '@parley/use-cases';

/**
 * The bot services of the composition root. HTTP actions go through the SSRF-guarded client; a
 * URL starting with "/" is this server's own route (the demo back-office), resolved against the
 * address it listens on and sent through a client allowed to reach that one host only: a bot can
 * reach this server's own routes, never another loopback or private service.
 *
 * @example
 * const bots = createBotServices({ http, selfUrl: () => url, knowledge: () => knowledge?.deps ?? null });
 */
export function createBotServices(input: { http: OutboundHttp; selfUrl: () => string | null; knowledge: () => KnowledgeDeps | null }): BotServices {
  let self: { base: string; http: OutboundHttp } | null = null;
  const selfClient = (base: string): OutboundHttp => {
    if (!self || self.base !== base) self = { base, http: createOutboundHttp({ allowHosts: [new URL(base).hostname] }) };
    return self.http;
  };
  return {
    repository: pgBotRepositoryFor,
    async http(request) {
      const base = input.selfUrl();
      if (request.url.startsWith('/') && !base) return { ok: false, status: 0, body: null };
      const isSelf = request.url.startsWith('/') && base !== null;
      const url = isSelf ? `${base}${request.url}` : request.url;
      const client = isSelf ? selfClient(base) : input.http;
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), request.timeoutMs).unref());
      const response = await Promise.race([client.request({ method: request.method, url, headers: request.headers, ...(request.body ? { body: request.body } : {}) }), timeout]);
      if (response === 'timeout' || !response.ok) return { ok: false, status: 0, body: null };
      let body: unknown = response.bodyText;
      try {
        body = JSON.parse(response.bodyText);
      } catch {
        // Not JSON: the response map reads nothing from a string, and the text stays available.
      }
      return { ok: response.status >= 200 && response.status < 300, status: response.status, body };
    },
    async answer(workspaceId, question, lang) {
      const deps = input.knowledge();
      if (!deps) return null;
      const [top] = await answerForWorkspace(deps, workspaceId, { question, language: lang, channel: 'bot', k: 1, audience: 'public' }, { log: false });
      return top ? { text: top.text, confidence: top.confidence } : null;
    },
  };
}
