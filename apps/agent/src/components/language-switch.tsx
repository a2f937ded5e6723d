import { useI18n } from '../i18n/i18n-context.js';
import { LOCALES, type Locale } from '../i18n/messages.js';

const NAMES: Record<Locale, string> = { en: 'English', fr: 'Français' };

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="inline-field">
      <span className="visually-hidden">{t('header.language')}</span>
      <select className="select select--compact" value={locale} onChange={(e) => setLocale(e.target.value as Locale)} data-testid="language-switch">
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
