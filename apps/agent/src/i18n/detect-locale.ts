import { LOCALES, type Locale } from './messages.js';

const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

/** `fr-CA` → `fr`; anything unsupported → null. */
export function toLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  return isLocale(base) ? base : null;
}

/**
 * The UI language: the agent's choice (localStorage) first, then the workspace's locale,
 * then the browser's languages, then English.
 * @example detectLocale(null, 'fr-FR', ['en-US']) // 'fr'
 */
export function detectLocale(stored: string | null, workspaceLocale: string | null, browserLanguages: readonly string[]): Locale {
  return toLocale(stored) ?? toLocale(workspaceLocale) ?? browserLanguages.map(toLocale).find((l): l is Locale => l !== null) ?? 'en';
}
