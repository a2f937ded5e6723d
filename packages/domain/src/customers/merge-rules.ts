import type { IdentityKind } from './identity.js';
import type { AttributeConflict, MergeEvidence, MergeSnapshot, MergeableProfile } from './merge.js';

/**
 * What a merge does to the kept profile: fields and attributes it lacks are filled from the
 * other profile; a value both have, differently, is never overwritten but kept as a conflict
 * for an agent to review.
 *
 * @example
 * planProfileMerge({ displayName: 'Léa', locale: null, timeZone: null, attributes: { plan: 'gold' } },
 *                  { displayName: 'Lea M.', locale: 'fr', timeZone: null, attributes: { plan: 'free', vip: true } })
 * // → filled { locale: 'fr', attributes: { vip: true } }, conflicts displayName and attributes.plan
 */
export function planProfileMerge(target: MergeableProfile, source: MergeableProfile): { filled: MergeSnapshot['filled']; conflicts: AttributeConflict[] } {
  const filled: MergeSnapshot['filled'] = { attributes: {} };
  const conflicts: AttributeConflict[] = [];
  for (const field of ['displayName', 'locale', 'timeZone'] as const) {
    const mine = target[field];
    const theirs = source[field];
    if (theirs === null || theirs === '') continue;
    if (mine === null || mine === '') filled[field] = theirs;
    else if (mine !== theirs) conflicts.push({ field, targetValue: mine, sourceValue: theirs });
  }
  for (const [key, theirs] of Object.entries(source.attributes)) {
    if (!(key in target.attributes)) {
      filled.attributes[key] = theirs;
      continue;
    }
    const mine = target.attributes[key];
    if (!sameJson(mine, theirs)) conflicts.push({ field: `attributes.${key}`, targetValue: mine, sourceValue: theirs });
  }
  return { filled, conflicts };
}

/** Display names compared for suggestions: case, accents, punctuation and spacing ignored. */
export function normalizeDisplayName(name: string | null): string {
  if (!name) return '';
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Phone numbers are E.164 whatever the channel: a WhatsApp number and an SMS number are one phone.
const PHONE_KINDS: ReadonlySet<IdentityKind> = new Set(['phone', 'whatsapp']);

/** Kinds whose values denote the same thing as this one (a phone is a phone on SMS and WhatsApp). */
export function equivalentKinds(kind: IdentityKind): IdentityKind[] {
  return PHONE_KINDS.has(kind) ? [...PHONE_KINDS] : [kind];
}

/**
 * Which evidence allows an automatic merge: the same identity value held VERIFIED on both
 * sides (email, E.164 phone, or a scoped external id). Anything weaker is a suggestion.
 */
export function isDeterministic(evidence: MergeEvidence): boolean {
  return evidence.identities.some((i) => i.targetVerified && i.sourceVerified);
}

/**
 * How probable a suggested pair is: a shared identity value counts most, a verified side
 * more, and the same display name adds to it. Bounded to 0..1.
 *
 * @example
 * suggestionScore({ identities: [{ kind: 'email', value: 'a@b.c', targetVerified: true, sourceVerified: false }], sameDisplayName: true }) // 0.9
 */
export function suggestionScore(evidence: MergeEvidence): number {
  let score = 0;
  for (const item of evidence.identities) score = Math.max(score, item.targetVerified || item.sourceVerified ? 0.6 : 0.5);
  if (evidence.sameDisplayName) score += 0.3;
  return Math.min(1, Math.round(score * 100) / 100);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
