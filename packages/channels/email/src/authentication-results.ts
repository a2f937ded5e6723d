/** SPF, DKIM and DMARC verdicts as a receiving mail server recorded them (RFC 8601). */
export interface AuthenticationResults {
  /** Who checked (the header's authserv-id). */
  authservId: string;
  spf?: string;
  dkim?: string;
  dmarc?: string;
  /** The header's value as received (unfolded, at most 2 000 characters). */
  header: string;
}

const METHODS = ['spf', 'dkim', 'dmarc'] as const;

/**
 * The `Authentication-Results` header added by the operator's own mail server, read from the
 * raw message: the topmost one whose authserv-id is `authservId` (RFC 8601 §5: a header with
 * another id, or below ours, may come from the sender and proves nothing). Parley does not
 * verify SPF/DKIM/DMARC itself (that needs DNS); it records what the trusted server found.
 * Null when there is no such header.
 *
 * @example
 * readAuthenticationResults(raw, 'mx.shop.test') // → { authservId: 'mx.shop.test', spf: 'pass', dkim: 'pass', dmarc: 'pass', header: '…' }
 */
export function readAuthenticationResults(raw: Buffer, authservId: string): AuthenticationResults | null {
  const wanted = authservId.trim().toLowerCase();
  for (const value of headerValues(raw, 'authentication-results')) {
    const parsed = parseAuthenticationResults(value);
    if (parsed && parsed.authservId.toLowerCase() === wanted) return parsed;
  }
  return null;
}

/**
 * One header value: `authserv-id [version]; method=result …; …`. Comments are dropped; with
 * several results for a method (two DKIM signatures), a `pass` wins, else the first one counts.
 *
 * @example
 * parseAuthenticationResults('mx.shop.test; spf=pass smtp.mailfrom=a.test; dkim=fail header.d=a.test')?.dkim // → 'fail'
 */
export function parseAuthenticationResults(value: string): AuthenticationResults | null {
  const header = value.replace(/\s+/g, ' ').trim().slice(0, 2000);
  const parts = stripComments(header)
    .split(';')
    .map((p) => p.trim());
  const authservId = parts[0]?.split(' ')[0] ?? '';
  if (!/^[A-Za-z0-9.-]{1,253}$/.test(authservId)) return null;
  const result: AuthenticationResults = { authservId, header };
  for (const part of parts.slice(1)) {
    const match = /^([a-z-]+)(?:\/\d+)?\s*=\s*([a-z]+)/i.exec(part);
    const method = match?.[1]?.toLowerCase();
    const verdict = match?.[2]?.toLowerCase();
    if (!method || !verdict || !(METHODS as readonly string[]).includes(method)) continue;
    const key = method as (typeof METHODS)[number];
    if (result[key] === undefined || verdict === 'pass') result[key] = verdict;
  }
  return result;
}

/** RFC 5322 comments, nested or not, with quoted pairs: `(a (b) c)` → ``. */
function stripComments(value: string): string {
  let depth = 0;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && depth > 0) i++;
    else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

/** Every instance of a header in the raw message, top first, unfolded. */
function headerValues(raw: Buffer, name: string): string[] {
  const text = raw.subarray(0, 256 * 1024).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const lines = (end === -1 ? text : text.slice(0, end)).split(/\r?\n/);
  const values: string[] = [];
  let current: { name: string; value: string } | null = null;
  const flush = () => {
    if (current && current.name.toLowerCase() === name) values.push(current.value);
  };
  for (const line of lines) {
    if (/^[ \t]/.test(line) && current) current.value += ` ${line.trim()}`;
    else {
      flush();
      const colon = line.indexOf(':');
      current = colon > 0 ? { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() } : null;
    }
  }
  flush();
  return values;
}
