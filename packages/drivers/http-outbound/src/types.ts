/** Why an outbound request produced no response. */
export type OutboundErrorKind = 'timeout' | 'connection' | 'blocked' | 'too_large' | 'too_many_redirects';

/** A complete HTTP response (any status, including 4xx/5xx). */
export interface OutboundSuccess {
  ok: true;
  status: number;
  /** Lowercase names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  bodyText: string;
  /** The raw bytes (media downloads); the client always sets it, test doubles may leave it out. */
  body?: Buffer;
  /** URL of the response after redirects. */
  url: string;
}

/** A request that failed before a complete response arrived. */
export interface OutboundFailure {
  ok: false;
  error: OutboundErrorKind;
  message: string;
}

export type OutboundResponse = OutboundSuccess | OutboundFailure;
