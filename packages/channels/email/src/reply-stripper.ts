/** The displayed part of an email body and what was cut from it. */
export interface StrippedReply {
  /** The new text: no quoted previous message, no signature. */
  visible: string;
  quoteRemoved: boolean;
  signatureRemoved: boolean;
}

// A line that starts the quoted previous message (the rest of the body is history).
const QUOTE_HEADERS: RegExp[] = [
  /^\s*On\s.{1,400}\swrote:\s*$/i,
  /^\s*Le\s.{1,400}\sa\s+écrit\s*:\s*$/i,
  /^\s*-{2,}\s*(Original Message|Message d'origine|Message original|Forwarded message|Message transféré)\s*-{2,}\s*$/i,
  /^\s*_{20,}\s*$/,
];

// Outlook quotes the previous message under a header block: "De : …" then "Envoyé : …" / "Sent: …".
const HEADER_FROM = /^\s*\*?(De|From)\s*\*?\s*:\s*\S/i;
const HEADER_NEXT = /^\s*\*?(Envoyé|Sent|Date|À|To|Objet|Subject|Cc)\s*\*?\s*:/i;

// Signatures: the RFC 3676 delimiter and the mobile ones.
const SIGNATURE_LINES: RegExp[] = [
  /^-- ?$/,
  /^\s*(Envoyé|Envoye)\s+(de|depuis)\s+(mon|ma)\s+.{1,60}$/i,
  /^\s*Sent\s+from\s+my\s+.{1,60}$/i,
  /^\s*(Get|Télécharger)\s+Outlook\s+(for|pour)\s+.{1,40}$/i,
];

function isQuoteHeader(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? '';
  if (QUOTE_HEADERS.some((re) => re.test(line))) return true;
  // Gmail wraps long attributions: "On Mon, 3 Jan 2026 at 10:00, Jeanne <j@x>" / "wrote:".
  const next = lines[i + 1];
  if (next !== undefined && /^\s*(wrote|a\s+écrit)\s*:\s*$/i.test(next) && /^\s*(On|Le)\s/i.test(line)) return true;
  if (HEADER_FROM.test(line)) {
    for (let j = i + 1; j <= i + 4 && j < lines.length; j++) if (HEADER_NEXT.test(lines[j] ?? '')) return true;
  }
  return false;
}

/**
 * Cuts the quoted previous message and the signature from a plain-text email body (French and
 * English patterns: "Le … a écrit :", "On … wrote:", Outlook "De : … Envoyé : …" blocks,
 * "-----Original Message-----", `>` quotes, "-- ", "Envoyé de mon iPhone"). Keeps lines in
 * order and never adds any: the result is the input minus lines. When nothing would remain
 * (a forward with no words of its own), the body is shown whole rather than empty.
 *
 * @example
 * stripQuotedReply('Merci !\n\nLe lun. 3 janv. 2026, Parley <s@x> a écrit :\n> Bonjour').visible // → 'Merci !'
 */
export function stripQuotedReply(text: string): StrippedReply {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  let quoteRemoved = false;
  let signatureRemoved = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isQuoteHeader(lines, i)) {
      quoteRemoved = true;
      break;
    }
    if (SIGNATURE_LINES.some((re) => re.test(line))) {
      signatureRemoved = true;
      break;
    }
    if (/^\s*>/.test(line)) {
      quoteRemoved = true;
      continue;
    }
    kept.push(line);
  }
  const visible = trimBlankLines(kept).join('\n');
  if (visible.trim().length === 0) return { visible: trimBlankLines(lines).join('\n'), quoteRemoved: false, signatureRemoved: false };
  return { visible, quoteRemoved, signatureRemoved };
}

function trimBlankLines(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end).map((l) => l.replace(/\s+$/, ''));
}
