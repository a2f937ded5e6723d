import { describe, expect, it, vi } from 'vitest';
import { createApiClient, csrfFromCookie } from './api-client.js';
import { ApiError, toApiError } from './api-error.js';

function fakeFetch(status: number, body: unknown) {
  return vi.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
}

describe('api client', () => {
  it('sends X-CSRF-Token on writes but not on reads', async () => {
    const fetch = fakeFetch(200, { ok: true });
    const client = createApiClient({ fetch, getCsrfToken: () => 'tok-123' });
    await client.request('GET', '/api/v1/auth/me');
    await client.request('POST', '/api/v1/conversations/x/messages', { body: { text: 'hi' }, headers: { 'idempotency-key': 'k1' } });
    const [, getInit] = fetch.mock.calls[0]!;
    const [, postInit] = fetch.mock.calls[1]!;
    expect((getInit?.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
    const headers = postInit?.headers as Record<string, string>;
    expect(headers['x-csrf-token']).toBe('tok-123');
    expect(headers['idempotency-key']).toBe('k1');
    expect(headers['content-type']).toBe('application/json');
    expect(postInit?.body).toBe('{"text":"hi"}');
    expect(postInit?.credentials).toBe('same-origin');
  });

  it('maps {error:{code,message}} to ApiError and calls onUnauthenticated on 401', async () => {
    const onUnauthenticated = vi.fn();
    const client = createApiClient({
      fetch: fakeFetch(401, { error: { code: 'unauthenticated', message: 'Log in', requestId: 'r1' } }),
      getCsrfToken: () => null,
      onUnauthenticated,
    });
    const error = await client.request('GET', '/api/v1/auth/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated', message: 'Log in', requestId: 'r1' });
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it('maps a non-JSON error body to http_<status>', async () => {
    const fetch = vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 }));
    const client = createApiClient({ fetch, getCsrfToken: () => null });
    await expect(client.request('GET', '/x')).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });

  it('maps a network failure to network_error (status 0)', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const client = createApiClient({ fetch, getCsrfToken: () => null });
    await expect(client.request('GET', '/x')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('returns null for an empty 204 body', async () => {
    const client = createApiClient({ fetch: vi.fn(async () => new Response(null, { status: 204 })), getCsrfToken: () => 't' });
    await expect(client.request('POST', '/api/v1/auth/logout')).resolves.toBeNull();
  });

  it('reads the parley_csrf cookie', () => {
    expect(csrfFromCookie('a=1; parley_csrf=abc%3D; b=2')).toBe('abc=');
    expect(csrfFromCookie('a=1')).toBeNull();
  });

  it('toApiError keeps the code of a malformed body safe', () => {
    expect(toApiError(500, { error: 'boom' }).code).toBe('http_500');
    expect(toApiError(409, { error: { code: 'conflict' } }).message).toBe('conflict');
  });
});
