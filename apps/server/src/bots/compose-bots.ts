import { createOutboundHttp, type OutboundHttp } from '@parley/http-outbound';
import { pgBotRepositoryFor } from '@parley/storage-pg';
import { answerForWorkspace, type BotServices, type KnowledgeDeps } from '@parley/use-cases';

/**
 * The bot services of the composition root. HTTP actions go through the SSRF-guarded client; a
 * URL starting with "/" is this server's own route (the demo back-office), resolved against the
 * address it listens on and sent through a client allowed to reach that one host only: a bot can
 * reach this server's own routes, never another loopback or private service. A call that fails,
 * times out (the step's `timeoutMs`), answers a non-2xx status or a body that is not JSON comes
 * back with `ok: false` (a non-JSON body as the start of its text), and the step takes its error
 * branch; an empty body is `null`.
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
      // The client bounds the whole exchange (DNS, connect, redirects, body) to the step's timeout.
      const response = await client.request({
        method: request.method,
        url,
        headers: request.headers,
        timeoutMs: request.timeoutMs,
        ...(request.body ? { body: request.body } : {}),
      });
      if (!response.ok) return { ok: false, status: 0, body: null };
      const ok = response.status >= 200 && response.status < 300;
      if (response.bodyText.trim() === '') return { ok, status: response.status, body: null };
      try {
        return { ok, status: response.status, body: JSON.parse(response.bodyText) as unknown };
      } catch {
        // A back-office answering something other than JSON (an HTML error page behind a 200, a
        // truncated body) did not answer the action: the step takes its error branch. The start of
        // the text stays for the builder's test console.
        return { ok: false, status: response.status, body: response.bodyText.slice(0, 2000) };
      }
    },
    async answer(workspaceId, question, lang) {
      const deps = input.knowledge();
      if (!deps) return null;
      const [top] = await answerForWorkspace(deps, workspaceId, { question, language: lang, channel: 'bot', k: 1, audience: 'public' }, { log: false });
      return top ? { text: top.text, confidence: top.confidence } : null;
    },
  };
}
