/** What an SMS keyword means. Twilio's own opt-out keywords, plus the French ones (ARRET, AIDE). */
export type SmsKeyword = { kind: 'stop' | 'start' | 'help'; keyword: string };

const STOP = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'ARRET', 'STOP SMS', 'STOPSMS']);
const START = new Set(['START', 'YES', 'UNSTOP']);
const HELP = new Set(['HELP', 'AIDE']);

/**
 * Recognises a whole-message keyword, as carriers do: case, accents, surrounding spaces and a
 * trailing punctuation mark don't matter ("Arrêt." is ARRET); a keyword inside a sentence is
 * ordinary text.
 *
 * @example
 * smsKeyword(' arrêt ') // → { kind: 'stop', keyword: 'ARRET' }
 * smsKeyword('stop sending me promos please') // → null
 */
export function smsKeyword(body: string): SmsKeyword | null {
  const word = body
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ')
    .toUpperCase();
  if (STOP.has(word)) return { kind: 'stop', keyword: word };
  if (START.has(word)) return { kind: 'start', keyword: word };
  if (HELP.has(word)) return { kind: 'help', keyword: word };
  return null;
}
