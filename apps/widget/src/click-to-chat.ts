import type { WidgetConfig } from '@parley/realtime-protocol';
import { rulesHold } from './rules.js';

export interface ClickToChatOptions {
  rules: WidgetConfig['rules'];
  href: () => string;
  now: () => number;
  /** Pages seen in this tab without interaction, this page included. */
  pages: number;
  resetPages: () => void;
  onHold: () => void;
}

/**
 * Watches the click-to-chat rules and calls `onHold` once, when they all hold. Time is polled
 * each second (cheap) so the URL rule also follows single-page-app navigation.
 * @example const watch = watchRules({ rules, href: () => location.href, now: Date.now, pages, resetPages, onHold: show });
 */
export function watchRules(options: ClickToChatOptions): { setCartValue(value: number | undefined): void; interaction(): void; stop(): void } {
  const start = options.now();
  let cartValue: number | undefined;
  let pages = options.pages;
  let done = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const check = (): void => {
    if (done) return;
    const holds = rulesHold(options.rules, {
      secondsOnPage: (options.now() - start) / 1000,
      href: options.href(),
      cartValue,
      pagesWithoutInteraction: pages,
    });
    if (!holds) return;
    done = true;
    clearInterval(timer);
    options.onHold();
  };

  check();
  if (!done) timer = setInterval(check, 1000);
  return {
    setCartValue(value) {
      cartValue = value;
      check();
    },
    interaction() {
      // The visitor is not lost any more: count pages from here.
      pages = 0;
      options.resetPages();
      check();
    },
    stop() {
      done = true;
      clearInterval(timer);
    },
  };
}
