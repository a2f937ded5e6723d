import type { WidgetConfig } from '@parley/realtime-protocol';

export interface PageState {
  secondsOnPage: number;
  href: string;
  /** From `Parley.setContext({ cartValue })`; undefined until the page sets it. */
  cartValue: number | undefined;
  /** Pages seen in this tab since the last setContext or widget interaction. */
  pagesWithoutInteraction: number;
}

/**
 * Click-to-chat: true when every rule the channel sets holds (no rules: always true).
 * An invalid urlPattern never matches, so a typo hides the button rather than showing it everywhere.
 * @example rulesHold({ minSecondsOnPage: 30 }, { secondsOnPage: 31, href, cartValue: undefined, pagesWithoutInteraction: 1 }) // true
 */
export function rulesHold(rules: WidgetConfig['rules'], page: PageState): boolean {
  if (rules.minSecondsOnPage !== undefined && page.secondsOnPage < rules.minSecondsOnPage) return false;
  if (rules.urlPattern !== undefined && !matches(rules.urlPattern, page.href)) return false;
  if (rules.minCartValue !== undefined && (page.cartValue === undefined || page.cartValue < rules.minCartValue)) return false;
  if (rules.lostAfterPages !== undefined && page.pagesWithoutInteraction < rules.lostAfterPages) return false;
  return true;
}

function matches(pattern: string, href: string): boolean {
  try {
    return new RegExp(pattern).test(href);
  } catch {
    return false;
  }
}

/** Seconds until the time rule alone could change the answer, or null (nothing to wait for). */
export function secondsUntilTimeRule(rules: WidgetConfig['rules'], secondsOnPage: number): number | null {
  if (rules.minSecondsOnPage === undefined || secondsOnPage >= rules.minSecondsOnPage) return null;
  return rules.minSecondsOnPage - secondsOnPage;
}
