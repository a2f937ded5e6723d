import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../state/session-context.js';
import { sharedRoutingApi, type RoutingSettings, type RoutingSettingsPatch } from './routing-api.js';
import { routingText, type RoutingText } from './routing-text.js';

/** A failed save: the server's message and, for a 422, each refused field. */
interface Failure {
  message: string;
  issues: Array<{ field: string; message: string }>;
}

function failureOf(e: unknown, text: RoutingText): Failure {
  if (e instanceof ApiError && Array.isArray(e.details)) {
    const issues = e.details.flatMap((d: unknown) => {
      if (typeof d !== 'object' || d === null) return [];
      const { path, message } = d as { path?: unknown; message?: unknown };
      const key = typeof path === 'string' ? path : '/';
      return [{ field: text.fields[key] ?? key, message: typeof message === 'string' ? message : '' }];
    });
    return { message: `${text.invalid} ${e.message}`, issues };
  }
  return { message: e instanceof Error ? e.message : String(e), issues: [] };
}

/**
 * The workspace's routing settings (emotion priority, external routing hook), for users with
 * `routing:manage`. The hook's signing secret is shown once, when the server returns it, and
 * kept only in this component's state until dismissed.
 */
export function RoutingSettingsSection() {
  const { me } = useSession();
  if (!me.permissions.includes('routing:manage')) return null;
  return <RoutingSettingsForm />;
}

function RoutingSettingsForm() {
  const { locale } = useI18n();
  const text = routingText(locale);
  const api = sharedRoutingApi();
  const [saved, setSaved] = useState<RoutingSettings | null>(null);
  const [emotionPriority, setEmotionPriority] = useState(false);
  const [url, setUrl] = useState('');
  const [timeoutMs, setTimeoutMs] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  // The raw error, formatted at render so a language change also translates the field names.
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const show = (s: RoutingSettings) => {
    setSaved(s);
    setEmotionPriority(s.emotionPriority);
    setUrl(s.hook?.url ?? '');
    setTimeoutMs(s.hook ? String(s.hook.timeoutMs) : '');
  };

  useEffect(() => {
    let alive = true;
    api.settings().then(
      (s) => alive && show(s),
      (e: unknown) => alive && setFailure(e),
    );
    return () => {
      alive = false;
    };
  }, [api]);

  const save = async (patch: RoutingSettingsPatch, done: string) => {
    setBusy(true);
    setStatus(null);
    setFailure(null);
    setCopied(false);
    try {
      const answer = await api.saveSettings(patch);
      show(answer);
      setSecret(answer.hookSecret);
      setStatus(done);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const hookPatch = (rotateSecret: boolean): RoutingSettingsPatch['hook'] => {
    const trimmed = url.trim();
    // An empty URL leaves the hook as it is; removing it is its own button.
    if (!trimmed) return undefined;
    const timeout = timeoutMs.trim() === '' ? undefined : Number(timeoutMs);
    return { url: trimmed, ...(timeout !== undefined ? { timeoutMs: timeout } : {}), ...(rotateSecret ? { rotateSecret: true } : {}) };
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const hook = hookPatch(false);
    void save({ emotionPriority, ...(hook ? { hook } : {}) }, text.settingsSaved);
  };

  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // Clipboard refused (permissions, insecure origin): the secret stays selectable.
    }
  };

  const shown = failure === null ? null : failureOf(failure, text);
  return (
    <details className="routing-settings" data-testid="routing-settings">
      <summary className="queue-panel__sub routing-settings__summary">{text.settingsTitle}</summary>
      {secret && (
        <div className="routing-secret" role="status" data-testid="routing-hook-secret">
          <strong>{text.secretTitle}</strong>
          <code className="routing-secret__value" data-testid="routing-hook-secret-value">
            {secret}
          </code>
          <span className="routing-settings__hint">{text.secretHint}</span>
          <span className="routing-secret__actions">
            <button type="button" className="button button--secondary" onClick={() => void copy()} data-testid="routing-hook-secret-copy">
              {copied ? text.copied : text.copy}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setSecret(null)} data-testid="routing-hook-secret-done">
              {text.secretDone}
            </button>
          </span>
        </div>
      )}
      {shown && (
        <div className="banner banner--error" role="alert" data-testid="routing-settings-error">
          <p>{shown.message}</p>
          {shown.issues.length > 0 && (
            <ul>
              {shown.issues.map((issue, i) => (
                <li key={i}>{issue.message ? `${issue.field}: ${issue.message}` : issue.field}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {saved && (
        // The server validates (422 shown above), so the browser's own URL check is off.
        <form className="routing-settings__form" onSubmit={onSubmit} noValidate>
          <label className="routing-settings__switch">
            <input
              type="checkbox"
              role="switch"
              checked={emotionPriority}
              onChange={(e) => setEmotionPriority(e.target.checked)}
              data-testid="routing-emotion-priority"
            />{' '}
            {text.emotionPriority}
          </label>
          <p className="routing-settings__hint">{text.emotionPriorityHint}</p>
          <fieldset className="routing-settings__hook">
            <legend>{text.hookTitle}</legend>
            <p className="routing-settings__hint">{saved.hook ? text.hookHint : `${text.noHook} ${text.hookHint}`}</p>
            <label>
              {text.hookUrl}
              <input
                type="url"
                inputMode="url"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                placeholder="https://crm.example/route"
                maxLength={2000}
                data-testid="routing-hook-url"
              />
            </label>
            <label>
              {text.hookTimeout}
              <input
                type="number"
                value={timeoutMs}
                onChange={(e) => setTimeoutMs(e.target.value)}
                placeholder="800"
                min={50}
                max={10_000}
                step={50}
                data-testid="routing-hook-timeout"
              />
            </label>
            {saved.hook && (
              <span className="routing-settings__actions">
                <button
                  type="button"
                  className="button button--ghost"
                  onClick={() => void save({ hook: hookPatch(true) ?? { url: saved.hook?.url ?? '', rotateSecret: true } }, text.settingsSaved)}
                  disabled={busy}
                  data-testid="routing-hook-rotate"
                >
                  {text.rotateSecret}
                </button>
                <button
                  type="button"
                  className="button button--ghost"
                  onClick={() => void save({ hook: null }, text.hookRemoved)}
                  disabled={busy}
                  data-testid="routing-hook-remove"
                >
                  {text.removeHook}
                </button>
              </span>
            )}
          </fieldset>
          <p className="routing-settings__actions">
            <button type="submit" className="button button--primary" disabled={busy} data-testid="routing-settings-save">
              {text.saveSettings}
            </button>{' '}
            <span role="status" data-testid="routing-settings-status">
              {status}
            </span>
          </p>
        </form>
      )}
    </details>
  );
}
