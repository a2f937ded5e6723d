import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { detectLocale } from './detect-locale.js';
import { translator, type Locale, type Translate } from './messages.js';
import { storage } from '../state/local-storage.js';

const LOCALE_KEY = 'parley.agent.locale';

interface I18n {
  locale: Locale;
  t: Translate;
  /** Chosen by the agent: stored, wins over the workspace's locale. */
  setLocale: (locale: Locale) => void;
  /** The workspace's locale, used when the agent has not chosen. */
  setWorkspaceLocale: (locale: string | null) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<string | null>(() => storage.get(LOCALE_KEY));
  const [workspaceLocale, setWorkspaceLocale] = useState<string | null>(null);
  const locale = detectLocale(stored, workspaceLocale, typeof navigator === 'undefined' ? [] : navigator.languages);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: translator(locale),
      setLocale: (next) => {
        storage.set(LOCALE_KEY, next);
        setStored(next);
      },
      setWorkspaceLocale,
    }),
    [locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
