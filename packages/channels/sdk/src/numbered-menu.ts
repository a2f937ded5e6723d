import type { MessageContent } from '@parley/domain';

/** One choice of a menu as a text-only channel shows it: its number is its position + 1. */
export interface MenuOption {
  label: string;
  /** What choosing it means to a bot (the button's payload, else its id). */
  payload: string;
}

/**
 * The choices a message offers (buttons, quick replies, card buttons), in display order. Text-only
 * channels number them; a customer's "2" then means the second one. Link buttons are left out:
 * they open a page and carry no answer.
 *
 * @example
 * menuOptions({ v: 1, blocks: [{ type: 'buttons', text: 'Choose', buttons: [{ id: 'a', label: 'Track', payload: 'TRACK' }] }] });
 * // → [{ label: 'Track', payload: 'TRACK' }]
 */
export function menuOptions(content: MessageContent): MenuOption[] {
  const options: MenuOption[] = [];
  const add = (b: { id: string; label: string; payload?: string | undefined; url?: string | undefined }) => {
    if (b.url === undefined) options.push({ label: b.label, payload: b.payload ?? b.id });
  };
  for (const block of content.blocks) {
    if (block.type === 'buttons') block.buttons.forEach(add);
    else if (block.type === 'quick_replies') block.replies.forEach(add);
    else if (block.type === 'cards') for (const card of block.cards) (card.buttons ?? []).forEach(add);
  }
  return options;
}

/**
 * A message as plain text for channels without rich messages: buttons and quick replies become a
 * numbered list ("1. …\n2. …") in the order of {@link menuOptions}, link buttons show their URL,
 * cards their title and subtitle, and attachments their link (or file name).
 *
 * @example
 * plainTextWithMenu(content) // → "Que souhaitez-vous ?\n1. Suivre ma commande\n2. Parler à un conseiller"
 */
export function plainTextWithMenu(content: MessageContent, options: { attachments?: boolean } = {}): string {
  const lines: string[] = [];
  let n = 0;
  const button = (b: { label: string; url?: string | undefined }) => {
    if (b.url !== undefined) lines.push(`${b.label}: ${b.url}`);
    else lines.push(`${++n}. ${b.label}`);
  };
  for (const block of content.blocks) {
    switch (block.type) {
      case 'text':
        lines.push(block.text);
        break;
      case 'buttons':
        if (block.text) lines.push(block.text);
        block.buttons.forEach(button);
        break;
      case 'quick_replies':
        if (block.text) lines.push(block.text);
        block.replies.forEach(button);
        break;
      case 'cards':
        for (const card of block.cards) {
          lines.push(card.subtitle ? `${card.title} — ${card.subtitle}` : card.title);
          (card.buttons ?? []).forEach(button);
        }
        break;
      case 'attachment':
        if (options.attachments !== false) lines.push(block.url ?? `[${block.fileName}]`);
        break;
      case 'payload':
        break;
    }
  }
  return lines.join('\n').trim();
}

/**
 * Splits text into parts of at most `max` characters, preferring paragraph, line and word
 * boundaries, so that a long reply reaches a length-limited channel whole.
 *
 * @example
 * splitText('a'.repeat(3000), 1600).length // → 2
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' '));
    // No boundary in the second half: cut hard rather than send a tiny part.
    if (cut < max / 2) cut = max;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}
