// localStorage/sessionStorage can throw (Safari private mode, sandboxed iframes, blocked
// cookies): the widget then works for the current page only.

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** Key of the visitor token for one channel (a site may embed several channels). */
export function tokenKey(channelId: string): string {
  return `parley:visitor:${channelId}`;
}

/** The visitor token, shared by every tab of the site so that they resume the same conversation. */
export function createTokenStore(storage: () => Storage, channelId: string): { get(): string | null; set(token: string): void } {
  const key = tokenKey(channelId);
  return {
    get: () => safe(() => storage().getItem(key), null),
    set: (token) => safe(() => storage().setItem(key, token), undefined),
  };
}

/** Pages seen in this tab without interaction (the `lostAfterPages` rule). */
export function createPageCounter(storage: () => Storage, channelId: string): { visit(): number; reset(): void } {
  const key = `parley:pages:${channelId}`;
  return {
    visit: () =>
      safe(() => {
        const pages = (Number(storage().getItem(key)) || 0) + 1;
        storage().setItem(key, String(pages));
        return pages;
      }, 1),
    reset: () => safe(() => storage().setItem(key, '0'), undefined),
  };
}
