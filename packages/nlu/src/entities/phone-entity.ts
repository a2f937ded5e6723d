import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js';
import type { Entity } from './entity.js';

/** Default country used to read national numbers, per language. */
export const DEFAULT_PHONE_COUNTRY: Record<string, CountryCode> = { fr: 'FR', en: 'GB' };

/**
 * Finds phone numbers and normalises them to E.164 with libphonenumber-js.
 *
 * @example
 * extractPhones('appelez le 06 12 34 56 78', 'FR')[0].normalized // '+33612345678'
 */
export function extractPhones(text: string, defaultCountry: CountryCode): Entity[] {
  const out: Entity[] = [];
  for (const found of findPhoneNumbersInText(text, { defaultCountry })) {
    const num = found.number;
    if (!num.isPossible()) continue;
    const e164 = num.number;
    out.push({
      kind: 'phone',
      name: 'phone',
      text: text.slice(found.startsAt, found.endsAt),
      start: found.startsAt,
      end: found.endsAt,
      value: { e164, country: num.country ?? null, valid: num.isValid() },
      normalized: e164,
      confidence: num.isValid() ? 1 : 0.7,
    });
  }
  return out;
}
