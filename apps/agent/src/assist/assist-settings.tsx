import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../state/session-context.js';
import { sharedAssistApi, type Disposition, type Persona } from './assist-api.js';
import { assistText } from './assist-text.js';
import { LlmSettingsAdmin } from './llm-settings.js';
import { ConnectorsAdmin } from '../customer/connectors-admin.js';

/** Header button to the wrap-up settings (and back), for users who manage the workspace. */
export function AssistSettingsSwitch({ active, onActive }: { active: boolean; onActive: (active: boolean) => void }) {
  const { locale } = useI18n();
  const { me } = useSession();
  if (!me.permissions.includes('workspace:manage')) return null;
  const text = assistText(locale);
  return (
    <button type="button" className="button button--ghost" onClick={() => onActive(!active)} aria-pressed={active} data-testid="nav-assist-settings">
      {active ? text.back : `🗂️ ${text.settingsNav}`}
    </button>
  );
}

/** The workspace's disposition codes (French and English labels) and the reply persona. */
export function AssistSettingsAdmin() {
  const { locale } = useI18n();
  const text = assistText(locale);
  const api = sharedAssistApi();
  const [codes, setCodes] = useState<Disposition[] | null>(null);
  const [persona, setPersona] = useState<Persona>({ tone: 'vous', greetByFirstName: true });
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.settings().then(
      (s) => {
        setCodes(s.dispositions);
        setPersona(s.persona);
      },
      (e: unknown) => setStatus(e instanceof Error ? e.message : String(e)),
    );
  }, [api]);

  const edit = (i: number, patch: Partial<Disposition> & { fr?: string; en?: string }) =>
    setCodes((list) =>
      (list ?? []).map((d, j) => (j === i ? { code: patch.code ?? d.code, label: { fr: patch.fr ?? d.label.fr, en: patch.en ?? d.label.en } } : d)),
    );
  const save = async (patch: { dispositions?: Disposition[] | null; persona?: Persona }) => {
    setBusy(true);
    setStatus(null);
    try {
      const saved = await api.saveSettings(patch);
      setCodes(saved.dispositions);
      setPersona(saved.persona);
      setStatus(text.saved);
    } catch (e) {
      setStatus(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="channels-admin" data-testid="assist-settings">
      <h1>{text.settingsTitle}</h1>
      {codes && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save({ dispositions: codes, persona });
          }}
        >
          <table className="channels-table">
            <thead>
              <tr>
                <th>{text.code}</th>
                <th>{text.labelFr}</th>
                <th>{text.labelEn}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {codes.map((d, i) => (
                <tr key={i} data-testid="disposition-row">
                  <td>
                    <input
                      value={d.code}
                      onChange={(e) => edit(i, { code: e.target.value })}
                      pattern="[a-z0-9_-]{1,40}"
                      required
                      aria-label={text.code}
                      data-testid="disposition-code"
                    />
                  </td>
                  <td>
                    <input
                      value={d.label.fr}
                      onChange={(e) => edit(i, { fr: e.target.value })}
                      maxLength={80}
                      required
                      aria-label={text.labelFr}
                      data-testid="disposition-fr"
                    />
                  </td>
                  <td>
                    <input
                      value={d.label.en}
                      onChange={(e) => edit(i, { en: e.target.value })}
                      maxLength={80}
                      required
                      aria-label={text.labelEn}
                      data-testid="disposition-en"
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--ghost"
                      onClick={() => setCodes(codes.filter((_, j) => j !== i))}
                      disabled={codes.length <= 1}
                    >
                      {text.remove}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setCodes([...codes, { code: '', label: { fr: '', en: '' } }])}
              data-testid="disposition-add"
            >
              {text.addCode}
            </button>{' '}
            <button type="button" className="button button--ghost" onClick={() => void save({ dispositions: null })} disabled={busy}>
              {text.resetDefaults}
            </button>
          </p>
          <fieldset>
            <legend>{text.tone}</legend>
            <label>
              <input type="radio" name="tone" checked={persona.tone === 'vous'} onChange={() => setPersona({ ...persona, tone: 'vous' })} /> {text.toneVous}
            </label>{' '}
            <label>
              <input
                type="radio"
                name="tone"
                checked={persona.tone === 'tu'}
                onChange={() => setPersona({ ...persona, tone: 'tu' })}
                data-testid="persona-tu"
              />{' '}
              {text.toneTu}
            </label>
            <br />
            <label>
              <input type="checkbox" checked={persona.greetByFirstName} onChange={(e) => setPersona({ ...persona, greetByFirstName: e.target.checked })} />{' '}
              {text.greet}
            </label>
          </fieldset>
          <p>
            <button type="submit" className="button button--success" disabled={busy} data-testid="assist-settings-save">
              {text.save}
            </button>{' '}
            <span role="status" data-testid="assist-settings-status">
              {status}
            </span>
          </p>
        </form>
      )}
      <LlmSettingsAdmin />
      <ConnectorsAdmin />
    </main>
  );
}
