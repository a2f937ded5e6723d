import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { sharedAssistApi, type LlmAuditItem, type LlmSettings } from './assist-api.js';
import { assistText } from './assist-text.js';

/**
 * The workspace's optional LLM endpoint and its call log, for admins. The API key is write-only:
 * the form shows whether one is stored, never the key. Prompts and outputs hold customer text and
 * are rendered as text (React escapes them).
 */
export function LlmSettingsAdmin() {
  const { locale } = useI18n();
  const text = assistText(locale);
  const api = sharedAssistApi();
  const [settings, setSettings] = useState<LlmSettings | null>(null);
  const [form, setForm] = useState({ baseUrl: '', model: '', apiKey: '', timeoutMs: 20_000, enabled: false });
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [audit, setAudit] = useState<{ items: LlmAuditItem[]; nextCursor: string | null }>({ items: [], nextCursor: null });

  const apply = (s: LlmSettings) => {
    setSettings(s);
    // Without its own settings the form starts from the server default, so "turn it off" is one click.
    setForm({
      baseUrl: s.baseUrl ?? s.serverDefault?.baseUrl ?? '',
      model: s.model ?? s.serverDefault?.model ?? '',
      apiKey: '',
      timeoutMs: s.timeoutMs,
      enabled: s.enabled,
    });
  };
  useEffect(() => {
    api.llmSettings().then(apply, (e: unknown) => setStatus(e instanceof Error ? e.message : String(e)));
    api.llmAudit(null).then(setAudit, () => undefined);
  }, [api]);

  const save = async (apiKey: string | null | undefined) => {
    setBusy(true);
    setStatus(null);
    try {
      apply(
        await api.saveLlmSettings({
          baseUrl: form.baseUrl,
          model: form.model,
          timeoutMs: form.timeoutMs,
          enabled: form.enabled,
          ...(apiKey !== undefined ? { apiKey } : {}),
        }),
      );
      setStatus(text.saved);
    } catch (e) {
      setStatus(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const clear = async () => {
    setBusy(true);
    setStatus(null);
    try {
      apply(await api.clearLlmSettings());
      setStatus(text.saved);
    } catch (e) {
      setStatus(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const more = () => {
    if (audit.nextCursor)
      api.llmAudit(audit.nextCursor).then(
        (page) => setAudit({ items: [...audit.items, ...page.items], nextCursor: page.nextCursor }),
        () => undefined,
      );
  };

  return (
    <section data-testid="llm-settings">
      <h2>{text.llmTitle}</h2>
      <p className="assist__empty">{text.llmHint}</p>
      {settings?.serverDefault && (
        <p data-testid="llm-server-default">
          {settings.source === 'server' ? text.llmServerDefaultInUse : text.llmServerDefault} : {settings.serverDefault.model} ({settings.serverDefault.baseUrl}
          ){' '}
          {settings.configured && (
            <button type="button" className="button button--ghost" onClick={() => void clear()} disabled={busy}>
              {text.llmUseServerDefault}
            </button>
          )}
        </p>
      )}
      {settings && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save(form.apiKey ? form.apiKey : undefined);
          }}
        >
          <label>
            <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} data-testid="llm-enabled" />{' '}
            {text.llmEnabled}
          </label>
          <br />
          <label>
            {text.llmBaseUrl}{' '}
            <input
              type="url"
              value={form.baseUrl}
              onChange={(e) => setForm({ ...form, baseUrl: e.target.value })}
              placeholder="http://localhost:11434/v1"
              required
              data-testid="llm-base-url"
            />
          </label>
          <br />
          <label>
            {text.llmModel} <input value={form.model} onChange={(e) => setForm({ ...form, model: e.target.value })} required data-testid="llm-model" />
          </label>
          <br />
          <label>
            {text.llmApiKey}{' '}
            <input
              type="password"
              autoComplete="off"
              value={form.apiKey}
              onChange={(e) => setForm({ ...form, apiKey: e.target.value })}
              data-testid="llm-api-key"
            />
          </label>{' '}
          {settings.apiKeySet && (
            <>
              <span>{text.llmApiKeySet}</span>{' '}
              <button type="button" className="button button--ghost" onClick={() => void save(null)} disabled={busy}>
                {text.llmApiKeyRemove}
              </button>
            </>
          )}
          <br />
          <label>
            {text.llmTimeout}{' '}
            <input
              type="number"
              min={1000}
              max={120000}
              step={1000}
              value={form.timeoutMs}
              onChange={(e) => setForm({ ...form, timeoutMs: Number(e.target.value) })}
            />
          </label>
          <p>
            <button type="submit" className="button button--success" disabled={busy} data-testid="llm-save">
              {text.save}
            </button>{' '}
            <span role="status" data-testid="llm-status">
              {status}
            </span>
          </p>
        </form>
      )}
      <h3>{text.llmAudit}</h3>
      {audit.items.length === 0 && <p className="assist__empty">{text.llmAuditEmpty}</p>}
      {audit.items.map((item) => (
        <details key={item.id} data-testid="llm-audit-row">
          <summary>
            {new Date(item.createdAt).toLocaleString(locale)} · {item.purpose} · {item.model} · {item.latencyMs} ms {item.error ? `· ${item.error}` : ''}
          </summary>
          {item.prompt.map((m, i) => (
            <pre key={i} className="assist__passage">
              {m.role}: {m.content}
            </pre>
          ))}
          {item.output !== null && <pre className="assist__text">{item.output}</pre>}
        </details>
      ))}
      {audit.nextCursor && (
        <button type="button" className="button button--ghost" onClick={more}>
          {text.llmMore}
        </button>
      )}
    </section>
  );
}
