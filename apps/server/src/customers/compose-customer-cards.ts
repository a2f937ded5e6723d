import { createOutboundHttp, type OutboundHttp } from '@parley/http-outbound';
import type { Clock } from '@parley/kernel';
import { pgCustomerConnectorRepositoryFor } from '@parley/storage-pg';
import { ConnectorResponseCache, type CustomerCardServices } from '@parley/use-cases';

/** Answers kept this long, so that moving between one customer's conversations doesn't call the brand's systems again. */
const CACHE_TTL_MS = 60_000;
const CACHE_ENTRIES = 500;
/** A connector's answer is a small JSON document; anything bigger is refused. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * The customer-card services of the composition root. Connector calls go through the
 * SSRF-guarded client with the connector's own time limit; a URL starting with "/" is this
 * server's own route (the demo back-office), sent through a client allowed to reach that one
 * host only, as bot HTTP actions are.
 *
 * @example
 * useCases.customerCards = createCustomerCardServices({ http, clock, selfUrl: () => url });
 */
export function createCustomerCardServices(input: { http: OutboundHttp; clock: Clock; selfUrl: () => string | null }): CustomerCardServices {
  let self: { base: string; http: OutboundHttp } | null = null;
  const selfClient = (base: string): OutboundHttp => {
    if (!self || self.base !== base) self = { base, http: createOutboundHttp({ allowHosts: [new URL(base).hostname], maxBodyBytes: MAX_BODY_BYTES }) };
    return self.http;
  };
  return {
    repository: pgCustomerConnectorRepositoryFor,
    cache: new ConnectorResponseCache(input.clock, { ttlMs: CACHE_TTL_MS, maxEntries: CACHE_ENTRIES }),
    async fetch(request) {
      const isSelf = request.url.startsWith('/');
      const base = isSelf ? input.selfUrl() : null;
      if (isSelf && !base) return { ok: false, error: 'connection', message: 'This server is not listening yet' };
      const client = base ? selfClient(base) : input.http;
      const response = await client.request({
        url: base ? `${base}${request.url}` : request.url,
        headers: request.headers,
        timeoutMs: request.timeoutMs,
        maxBodyBytes: MAX_BODY_BYTES,
      });
      return response.ok ? { ok: true, status: response.status, bodyText: response.bodyText } : { ok: false, error: response.error, message: response.message };
    },
  };
}
