import { ApiError, toApiError } from './api-error.js';

export interface ApiClientOptions {
  /** Prefix of every path (default: same origin). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The CSRF token to echo on writes (from the login answer or the `parley_csrf` cookie). */
  getCsrfToken: () => string | null;
  /** Called on any 401, e.g. to show the login screen. */
  onUnauthenticated?: () => void;
}

export interface RequestOptions {
  body?: unknown;
  /** A file sent as the raw body with its own type, instead of a JSON `body`. */
  file?: { data: Blob | ArrayBuffer | string; type: string };
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A same-origin JSON client: sends the session cookie, adds `X-CSRF-Token` on writes and
 * turns error answers into {@link ApiError}.
 * @example const api = createApiClient({ getCsrfToken: () => token }); await api.request('GET', '/api/v1/auth/me');
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = options.baseUrl ?? '';
  return {
    async request<T>(method: string, path: string, request: RequestOptions = {}): Promise<T> {
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      else if (request.file) headers['content-type'] = request.file.type;
      if (!SAFE_METHODS.has(method)) {
        const csrf = options.getCsrfToken();
        if (csrf) headers['x-csrf-token'] = csrf;
      }
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}${path}`, {
          method,
          headers,
          credentials: 'same-origin',
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : request.file ? { body: request.file.data } : {}),
          ...(request.signal ? { signal: request.signal } : {}),
        });
      } catch (cause) {
        if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
        throw new ApiError(0, 'network_error', 'The server cannot be reached');
      }
      const text = await response.text();
      let body: unknown = null;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
      }
      if (!response.ok) {
        if (response.status === 401) options.onUnauthenticated?.();
        throw toApiError(response.status, body);
      }
      return body as T;
    },
  };
}

/** The `parley_csrf` cookie (readable by design; the session cookie itself is httpOnly). */
export function csrfFromCookie(cookie: string): string | null {
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'parley_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}
