import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/api-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { sharedConnectorsApi, type ConnectorInput, type CustomerConnector, type LocalizedLabel } from './connectors-api.js';
import { connectorsText } from './connectors-text.js';

interface SecretRow {
  name: string;
  /** Stored on the server: only its name is known here. */
  stored: boolean;
  action: 'keep' | 'replace' | 'remove';
  value: string;
}

interface Form {
  id: string | null;
  name: string;
  labelFr: string;
  labelEn: string;
  urlTemplate: string;
  timeoutMs: number;
  enabled: boolean;
  mapping: string;
  secrets: SecretRow[];
}

const EMPTY_MAPPING = JSON.stringify({ items: '', title: '{{name}}' }, null, 2);

function labelOf(label: LocalizedLabel, locale: string): string {
  if (typeof label === 'string') return label;
  return label[locale] ?? label.fr ?? label.en ?? Object.values(label)[0] ?? '';
}

function toForm(c: CustomerConnector | null): Form {
  if (!c) return { id: null, name: '', labelFr: '', labelEn: '', urlTemplate: '', timeoutMs: 2000, enabled: true, mapping: EMPTY_MAPPING, secrets: [] };
  const fr = typeof c.label === 'string' ? c.label : (c.label.fr ?? '');
  const en = typeof c.label === 'string' ? c.label : (c.label.en ?? '');
  return {
    id: c.id,
    name: c.name,
    labelFr: fr,
    labelEn: en,
    urlTemplate: c.urlTemplate,
    timeoutMs: c.timeoutMs,
    enabled: c.enabled,
    mapping: JSON.stringify(c.mapping, null, 2),
    secrets: c.secretHeaderNames.map((name) => ({ name, stored: true, action: 'keep', value: '' })),
  };
}

/** The server's 422 issues as lines (`/mapping/title: Required`), or the message alone. */
function errorLines(e: unknown): string[] {
  if (e instanceof ApiError && Array.isArray(e.details)) {
    const lines = e.details.map((d: unknown) => {
      const { path, message } = (typeof d === 'object' && d !== null ? d : {}) as { path?: unknown; message?: unknown };
      return `${typeof path === 'string' ? path : '/'}: ${typeof message === 'string' ? message : JSON.stringify(d)}`;
    });
    if (lines.length > 0) return lines;
  }
  return [e instanceof Error ? e.message : String(e)];
}

/**
 * The workspace's customer-card connectors, for admins: list, create, edit, delete. Secret header
 * values are write-only: the form keeps a typed value only until it is sent and shows "set" after.
 */
export function ConnectorsAdmin() {
  const { locale } = useI18n();
  const text = connectorsText(locale);
  const api = sharedConnectorsApi();
  const [items, setItems] = useState<CustomerConnector[] | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  /** Whether the errors are the server's answer to a save (the 422 issues), not a local check. */
  const [rejected, setRejected] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => api.list().then(setItems, (e: unknown) => setErrors(errorLines(e))), [api]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const open = (c: CustomerConnector | null) => {
    setForm(toForm(c));
    setErrors([]);
    setStatus(null);
  };
  const patch = (p: Partial<Form>) => setForm((f) => (f ? { ...f, ...p } : f));
  const patchSecret = (i: number, p: Partial<SecretRow>) =>
    setForm((f) => (f ? { ...f, secrets: f.secrets.map((s, j) => (j === i ? { ...s, ...p } : s)) } : f));

  const save = async (f: Form) => {
    let mapping: unknown;
    try {
      mapping = JSON.parse(f.mapping);
    } catch (e) {
      setErrors([text.invalidJson(e instanceof Error ? e.message : String(e))]);
      setRejected(false);
      return;
    }
    const label: Record<string, string> = {};
    if (f.labelFr.trim()) label.fr = f.labelFr.trim();
    if (f.labelEn.trim()) label.en = f.labelEn.trim();
    const secretHeaders: Record<string, string | null> = {};
    for (const s of f.secrets) {
      if (!s.name.trim()) continue;
      if (!s.stored || s.action === 'replace') secretHeaders[s.name.trim()] = s.value;
      else if (s.action === 'remove') secretHeaders[s.name] = null;
    }
    const input: ConnectorInput = {
      name: f.name.trim(),
      label,
      urlTemplate: f.urlTemplate.trim(),
      timeoutMs: f.timeoutMs,
      mapping,
      enabled: f.enabled,
      secretHeaders,
    };
    setBusy(true);
    setErrors([]);
    setRejected(false);
    setStatus(null);
    try {
      const saved = f.id ? await api.update(f.id, input) : await api.create(input);
      // The typed secret values are dropped: from now on only their names are known.
      setForm(toForm(saved));
      setStatus(text.saved);
      await reload();
    } catch (e) {
      setErrors(errorLines(e));
      setRejected(true);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (c: CustomerConnector) => {
    setBusy(true);
    setErrors([]);
    try {
      await api.remove(c.id);
      setConfirming(null);
      if (form?.id === c.id) setForm(null);
      setStatus(text.deleted);
      await reload();
    } catch (e) {
      setErrors(errorLines(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section data-testid="connectors-admin">
      <h2>{text.title}</h2>
      <p>{text.intro}</p>
      {items && items.length === 0 && <p>{text.none}</p>}
      {items && items.length > 0 && (
        <table className="channels-table">
          <thead>
            <tr>
              <th>{text.name}</th>
              <th>{text.labelFr}</th>
              <th>{text.url}</th>
              <th>{text.state}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id} data-testid="connector-row" data-connector={c.name} data-enabled={String(c.enabled)}>
                <td>{c.name}</td>
                <td>{labelOf(c.label, locale)}</td>
                <td>
                  <code>{c.urlTemplate}</code>
                </td>
                <td data-testid="connector-state">{c.enabled ? text.enabled : text.disabled}</td>
                <td>
                  <button type="button" className="button button--ghost" onClick={() => open(c)} data-testid="connector-edit">
                    {text.edit}
                  </button>{' '}
                  {confirming === c.id ? (
                    <span role="alertdialog" aria-label={text.confirmDelete(c.name)}>
                      {text.confirmDelete(c.name)}{' '}
                      <button
                        type="button"
                        className="button button--danger"
                        onClick={() => void remove(c)}
                        disabled={busy}
                        data-testid="connector-delete-confirm"
                      >
                        {text.yesDelete}
                      </button>{' '}
                      <button type="button" className="button button--ghost" onClick={() => setConfirming(null)}>
                        {text.cancel}
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="button button--ghost" onClick={() => setConfirming(c.id)} data-testid="connector-delete">
                      {text.del}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button type="button" className="button button--secondary" onClick={() => open(null)} data-testid="connector-add">
          {text.add}
        </button>
      </p>
      {form && (
        <form
          data-testid="connector-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save(form);
          }}
        >
          <label>
            {text.name}
            <input value={form.name} onChange={(e) => patch({ name: e.target.value })} required data-testid="connector-name" />
          </label>
          <label>
            {text.labelFr}
            <input value={form.labelFr} onChange={(e) => patch({ labelFr: e.target.value })} maxLength={200} data-testid="connector-label-fr" />
          </label>
          <label>
            {text.labelEn}
            <input value={form.labelEn} onChange={(e) => patch({ labelEn: e.target.value })} maxLength={200} data-testid="connector-label-en" />
          </label>
          <label>
            {text.url}
            <input value={form.urlTemplate} onChange={(e) => patch({ urlTemplate: e.target.value })} required size={60} data-testid="connector-url" />
          </label>
          <small>{text.urlHint}</small>
          <label>
            {text.timeout}
            <input
              type="number"
              min={200}
              max={5000}
              step={100}
              value={form.timeoutMs}
              onChange={(e) => patch({ timeoutMs: Number(e.target.value) })}
              data-testid="connector-timeout"
            />
          </label>
          <label>
            <input type="checkbox" checked={form.enabled} onChange={(e) => patch({ enabled: e.target.checked })} data-testid="connector-enabled" />{' '}
            {text.enabled}
          </label>
          <fieldset>
            <legend>{text.secrets}</legend>
            <small>{text.secretsHint}</small>
            {form.secrets.map((s, i) => (
              <div key={i} data-testid="connector-secret" data-header={s.name}>
                {s.stored ? (
                  <>
                    <code>{s.name}</code>{' '}
                    <span className="badge" data-testid="connector-secret-set">
                      {text.secretSet}
                    </span>{' '}
                    {s.action === 'replace' && (
                      <input
                        type="password"
                        autoComplete="off"
                        value={s.value}
                        onChange={(e) => patchSecret(i, { value: e.target.value })}
                        placeholder={text.newValue}
                        aria-label={text.newValue}
                        required
                        data-testid="connector-secret-value"
                      />
                    )}
                    {s.action === 'remove' && <em>{text.removed}</em>}{' '}
                    {s.action === 'keep' ? (
                      <>
                        <button
                          type="button"
                          className="button button--ghost"
                          onClick={() => patchSecret(i, { action: 'replace', value: '' })}
                          data-testid="connector-secret-replace"
                        >
                          {text.replace}
                        </button>{' '}
                        <button
                          type="button"
                          className="button button--ghost"
                          onClick={() => patchSecret(i, { action: 'remove', value: '' })}
                          data-testid="connector-secret-remove"
                        >
                          {text.remove}
                        </button>
                      </>
                    ) : (
                      <button type="button" className="button button--ghost" onClick={() => patchSecret(i, { action: 'keep', value: '' })}>
                        {text.keep}
                      </button>
                    )}
                  </>
                ) : (
                  <>
                    <input
                      value={s.name}
                      onChange={(e) => patchSecret(i, { name: e.target.value })}
                      placeholder={text.headerName}
                      aria-label={text.headerName}
                      required
                      data-testid="connector-secret-name"
                    />{' '}
                    <input
                      type="password"
                      autoComplete="off"
                      value={s.value}
                      onChange={(e) => patchSecret(i, { value: e.target.value })}
                      placeholder={text.headerValue}
                      aria-label={text.headerValue}
                      required
                      data-testid="connector-secret-value"
                    />{' '}
                    <button type="button" className="button button--ghost" onClick={() => patch({ secrets: form.secrets.filter((_, j) => j !== i) })}>
                      {text.remove}
                    </button>
                  </>
                )}
              </div>
            ))}
            <button
              type="button"
              className="button button--ghost"
              onClick={() => patch({ secrets: [...form.secrets, { name: '', stored: false, action: 'replace', value: '' }] })}
              data-testid="connector-secret-add"
            >
              {text.addSecret}
            </button>
          </fieldset>
          <label>
            {text.mapping}
            <textarea
              value={form.mapping}
              onChange={(e) => patch({ mapping: e.target.value })}
              rows={10}
              cols={70}
              spellCheck={false}
              data-testid="connector-mapping"
            />
          </label>
          <small>{text.mappingHint}</small>
          {errors.length > 0 && (
            <div role="alert" className="form-error" data-testid="connector-errors">
              {rejected && <p>{text.rejected}</p>}
              <ul>
                {errors.map((line, i) => (
                  <li key={i} data-testid="connector-error">
                    {line}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p>
            <button type="submit" className="button button--success" disabled={busy} data-testid="connector-save">
              {text.save}
            </button>{' '}
            <button type="button" className="button button--ghost" onClick={() => setForm(null)}>
              {text.cancel}
            </button>
          </p>
        </form>
      )}
      {!form && errors.length > 0 && (
        <p role="alert" data-testid="connector-errors">
          {errors.join(' · ')}
        </p>
      )}
      <p role="status" data-testid="connector-status">
        {status}
      </p>
    </section>
  );
}
