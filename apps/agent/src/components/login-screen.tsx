import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LanguageSwitch } from './language-switch.js';

/** Email and password; a clear message on 401, 429 and network errors. */
export function LoginScreen({ onLogin }: { onLogin: (email: string, password: string) => Promise<void> }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onLogin(email, password);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError(t('login.invalid'));
      else if (e instanceof ApiError && e.status === 429) setError(t('login.rateLimited'));
      else if (e instanceof ApiError && e.status === 0) setError(t('error.network'));
      else setError(t('error.generic', { message: e instanceof Error ? e.message : String(e) }));
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login__card" onSubmit={submit} data-testid="login-form" aria-labelledby="login-title">
        <div className="login__brand" aria-hidden="true">
          Parley
        </div>
        <h1 id="login-title" className="login__title">
          {t('login.title')}
        </h1>
        <label className="field">
          <span className="field__label">{t('login.email')}</span>
          <input
            className="input"
            type="email"
            name="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="login-email"
          />
        </label>
        <label className="field">
          <span className="field__label">{t('login.password')}</span>
          <input
            className="input"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </label>
        {error && (
          <p className="login__error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button className="button button--primary login__submit" type="submit" disabled={busy} data-testid="login-submit">
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <div className="login__footer">
          <LanguageSwitch />
        </div>
      </form>
    </main>
  );
}
