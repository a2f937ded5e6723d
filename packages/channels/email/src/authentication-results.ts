/** SPF, DKIM and DMARC verdicts as a receiving mail server recorded them (RFC 8601). */
export interface AuthenticationResults {
  /** Who checked (the header's authserv-id). */
  authservId: string;
  spf?: string;
  dkim?: string;
  dmarc?: string;
  /** The header's value as received (unfolded, at most 2 000 characters). */
  header: string;
  /** Every SPF, DKIM and DMARC result with its properties, in header order (what sender verification reads). */
  entries: AuthenticationResultEntry[];
}

/** One `method=result` of the header with its properties, e.g. `dkim=pass header.d=client.test`. */
export interface AuthenticationResultEntry {
  method: (typeof METHODS)[number];
  /** Lower case: `pass`, `fail`, `softfail`, `none`… */
  result: string;
  /** `ptype.property` (lower case) → value without quotes: `header.d`, `header.i`, `header.from`, `smtp.mailfrom`. */
  properties: Record<string, string>;
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
 * readAuthenticationResults(raw, 'mx.shop.test') // → { authservId: 'mx.shop.test', spf: 'pass', dkim: 'pass', dmarc: 'pass', header: '…', entries: […] }
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
 * One header value: `authserv-id [version]; method=result property=value …; …`. Comments are
 * dropped and quoted strings kept whole (a `;` or `(` inside one, e.g. in a quoted local part of
 * `smtp.mailfrom`, starts nothing). With several results for a method (two DKIM signatures), the
 * summary says `pass` when one passed, else the first verdict; `entries` keeps each of them.
 *
 * @example
 * parseAuthenticationResults('mx.shop.test; spf=pass smtp.mailfrom=a.test; dkim=fail header.d=a.test')?.dkim // → 'fail'
 */
export function parseAuthenticationResults(value: string): AuthenticationResults | null {
  const header = value.replace(/\s+/g, ' ').trim().slice(0, 2000);
  const parts = splitResinfo(header);
  const authservId = parts[0]?.[0] ?? '';
  if (!/^[A-Za-z0-9.-]{1,253}$/.test(authservId)) return null;
  const result: AuthenticationResults = { authservId, header, entries: [] };
  for (const tokens of parts.slice(1)) {
    const match = /^([a-z-]+)(?:\/\d+)?=([a-z]+)$/i.exec(tokens[0] ?? '');
    const method = match?.[1]?.toLowerCase();
    const verdict = match?.[2]?.toLowerCase();
    if (!method || !verdict || !(METHODS as readonly string[]).includes(method)) continue;
    const key = method as (typeof METHODS)[number];
    const properties: Record<string, string> = {};
    for (const token of tokens.slice(1)) {
      const property = /^([a-z0-9-]+\.[a-z0-9_.-]+)=(.*)$/is.exec(token);
      if (property?.[1] && property[2] !== undefined && !Object.hasOwn(properties, property[1].toLowerCase()))
        properties[property[1].toLowerCase()] = unquote(property[2]);
    }
    result.entries.push({ method: key, result: verdict, properties });
    if (result[key] === undefined || verdict === 'pass') result[key] = verdict;
  }
  return result;
}

/**
 * The header split into resinfo parts (on `;`) and each part into tokens (on spaces, `a = b`
 * joined to `a=b`), outside quoted strings; RFC 5322 comments (nested, with quoted pairs) dropped.
 */
function splitResinfo(value: string): string[][] {
  const parts: string[][] = [];
  let tokens: string[] = [];
  let token = '';
  let depth = 0;
  let quoted = false;
  const endToken = () => {
    if (token.length > 0) tokens.push(token);
    token = '';
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (quoted) {
      token += c;
      if (c === '\\' && i + 1 < value.length) token += value.charAt(++i);
      else if (c === '"') quoted = false;
    } else if (depth > 0) {
      if (c === '\\') i++;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
    } else if (c === '(') {
      endToken();
      depth = 1;
    } else if (c === '"') {
      token += c;
      quoted = true;
    } else if (c === ';') {
      endToken();
      parts.push(tokens);
      tokens = [];
    } else if (c === ' ') endToken();
    else token += c;
  }
  endToken();
  parts.push(tokens);
  // `dkim = pass`, `header.d= a.test`: one token per `name=value`.
  return parts.map((list) => {
    const joined: string[] = [];
    for (const t of list) {
      const last = joined.length - 1;
      const previous = joined[last];
      if (previous !== undefined && (t.startsWith('=') || previous.endsWith('='))) joined[last] = previous + t;
      else joined.push(t);
    }
    return joined;
  });
}

/** A property value without its quotes and quoted pairs: `"a\\"b"` → `a"b`. */
function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
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
