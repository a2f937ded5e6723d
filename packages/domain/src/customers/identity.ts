import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Kinds of customer identity. Global kinds (email, phone) mean the same person whichever
 * channel presents them; scoped kinds are only unique within their scope (a Messenger PSID
 * within its page, an external id within the channel or site that issued it).
 */
export const IDENTITY_KINDS = ['email', 'phone', 'whatsapp', 'messenger_psid', 'instagram_id', 'telegram_id', 'external_id', 'webchat_visitor'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

// webchat_visitor: the SHA-256 of a widget visitor token, scoped to its web chat channel (the token itself is never stored).
const SCOPED_KINDS: ReadonlySet<IdentityKind> = new Set(['messenger_psid', 'instagram_id', 'telegram_id', 'external_id', 'webchat_visitor']);

export function isScopedKind(kind: IdentityKind): boolean {
  return SCOPED_KINDS.has(kind);
}

/** How an identity became known. Only channel proof or a signed identification make it verified. */
export type IdentityProvenance = 'channel' | 'signed_identify' | 'form' | 'agent' | 'api' | 'import';

export interface IdentityClaim {
  kind: IdentityKind;
  /** As presented. */
  raw: string;
  /** The issuer for scoped kinds (channel or page id); '' for global kinds. */
  scope: string;
  verified: boolean;
  provenance: IdentityProvenance;
}

export interface NormalizedIdentity extends IdentityClaim {
  value: string;
}

export type NormalizeResult = { ok: true; identity: NormalizedIdentity } | { ok: false; reason: string };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Canonical form used for uniqueness: emails lower-cased, phone numbers in E.164, scoped ids
 * trimmed. A value that cannot be normalised is rejected rather than stored half-right.
 *
 * @example
 * normalizeIdentity({ kind: 'phone', raw: '06 12 34 56 78', scope: '', verified: false, provenance: 'form' }, 'FR')
 * // → { ok: true, identity: { value: '+33612345678', … } }
 */
export function normalizeIdentity(claim: IdentityClaim, defaultCountry: CountryCode = 'FR'): NormalizeResult {
  const raw = claim.raw.trim();
  if (raw.length === 0) return { ok: false, reason: `${claim.kind} is empty` };
  if (raw.length > 320) return { ok: false, reason: `${claim.kind} is too long` };
  const scope = isScopedKind(claim.kind) ? claim.scope : '';
  switch (claim.kind) {
    case 'email': {
      const value = raw.toLowerCase();
      if (!EMAIL_RE.test(value)) return { ok: false, reason: 'email is not a valid address' };
      return { ok: true, identity: { ...claim, scope, value } };
    }
    case 'phone':
    case 'whatsapp': {
      const phone = parsePhoneNumberFromString(raw, defaultCountry);
      if (!phone || !phone.isPossible()) return { ok: false, reason: `${claim.kind} is not a possible phone number` };
      return { ok: true, identity: { ...claim, scope, value: phone.number } };
    }
    default:
      return { ok: true, identity: { ...claim, scope, value: raw } };
  }
}
