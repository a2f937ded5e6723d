import { useCallback, useState } from 'react';
import { ApiError } from '../api/api-error.js';
import { BotConsole } from './bot-console.js';
import { BotHistory } from './bot-history.js';
import type { botsApi, BotSummary, ImportReport } from './bots-api.js';
import type { BotsText } from './bots-text.js';
import {
  addIntent,
  addPhrase,
  intentsOf,
  issuesOf,
  languagesOf,
  parseDefinitionText,
  removePhrase,
  scenariosOf,
  setAnswerText,
  setStepText,
  type Definition,
  type IntentView,
} from './bot-edit.js';

type Tab = 'intents' | 'scenario' | 'json' | 'console' | 'history';
const TAB_LABELS: Record<Tab, (text: BotsText) => string> = {
  intents: (t) => t.tabIntents,
  scenario: (t) => t.tabScenario,
  json: (t) => t.tabJson,
  console: (t) => t.tabConsole,
  history: (t) => t.tabHistory,
};
export interface BuilderError {
  message: string;
  issues: string[];
}

/** A failed call as a message and the issue paths of a 422. */
export function builderErrorOf(e: unknown, text: BotsText): BuilderError {
  if (e instanceof ApiError) {
    const issues = issuesOf(e.details);
    return { message: e.status === 422 ? `${text.invalidDefinition} (422) : ${e.message}` : e.message, issues };
  }
  return { message: e instanceof Error ? e.message : String(e), issues: [] };
}

/** The error banner of the builder: the message and each `path: message` issue. */
export function BuilderErrorBanner({ error }: { error: BuilderError }) {
  return (
    <div className="banner banner--error bot-error" role="alert" data-testid="bot-error">
      <p>{error.message}</p>
      {error.issues.length > 0 && (
        <ul>
          {error.issues.map((issue, i) => (
            <li key={i} data-testid="bot-error-issue">
              <code>{issue}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The builder of one bot: intents (training phrases, fixed answers), the scenario outline
 * (message texts, question prompts) and the full definition as JSON; Save (a new draft
 * version, validated by the server) and Publish.
 */
export function BotBuilder({
  bot,
  api,
  text,
  onChanged,
}: {
  bot: BotSummary;
  api: ReturnType<typeof botsApi>;
  text: BotsText;
  onChanged: (bot: BotSummary) => void;
}) {
  const [draft, setDraft] = useState<Definition>(bot.definition);
  const [dirty, setDirty] = useState(false);
  const [tab, setTab] = useState<Tab>('intents');
  const [jsonText, setJsonText] = useState('');
  const [error, setError] = useState<BuilderError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [newIntent, setNewIntent] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const langs = languagesOf(draft);
  const [importLang, setImportLang] = useState(typeof draft.defaultLanguage === 'string' ? draft.defaultLanguage : (langs[0] ?? 'fr'));

  const edit = (next: Definition) => {
    setDraft(next);
    setDirty(true);
    setNotice(null);
  };

  /** The definition to send: the JSON text when on the Advanced tab. */
  const current = (): Definition | null => {
    if (tab !== 'json') return draft;
    const parsed = parseDefinitionText(jsonText);
    if (!parsed.ok) {
      setError({ message: `${text.invalidJson} : ${parsed.error}`, issues: [] });
      return null;
    }
    return parsed.definition;
  };

  const switchTab = (next: Tab) => {
    if (next === tab) return;
    if (tab === 'json') {
      const definition = current();
      if (!definition) return;
      setDraft(definition);
    }
    if (next === 'json') setJsonText(JSON.stringify(draft, null, 2));
    setError(null);
    setTab(next);
  };

  const save = async () => {
    const definition = current();
    if (!definition) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const saved = await api.save(bot.id, definition);
      setDraft(saved.definition);
      if (tab === 'json') setJsonText(JSON.stringify(saved.definition, null, 2));
      setDirty(false);
      setNotice(text.saved(saved.version));
      onChanged(saved);
    } catch (e) {
      setError(builderErrorOf(e, text));
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const published = await api.publish(bot.id);
      setNotice(text.publishedNow(published.publishedVersion));
      onChanged(published);
    } catch (e) {
      setError(builderErrorOf(e, text));
    } finally {
      setBusy(false);
    }
  };

  const showError = useCallback((e: unknown) => setError(builderErrorOf(e, text)), [text]);

  const restored = (saved: BotSummary, from: number) => {
    setDraft(saved.definition);
    setDirty(false);
    setError(null);
    setNotice(text.historyRestored(from, saved.version));
    onChanged(saved);
  };

  const importIntents = async (file: File) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    setReport(null);
    try {
      // A ZIP is a Dialogflow agent export; anything else is read as a Rasa nlu.yml.
      const format = /\.zip$/i.test(file.name) || file.type.includes('zip') ? 'dialogflow' : 'rasa';
      const result = await api.importIntents(bot.id, format, file, importLang);
      setDraft(result.bot.definition);
      if (tab === 'json') setJsonText(JSON.stringify(result.bot.definition, null, 2));
      setDirty(false);
      setReport(result.report);
      setNotice(text.importReport(result.report));
      onChanged(result.bot);
    } catch (e) {
      setError(builderErrorOf(e, text));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="bot-builder" data-testid="bot-builder" data-bot-id={bot.id} data-dirty={dirty ? 'true' : 'false'}>
      <div className="bot-builder__toolbar">
        <div className="bot-builder__tabs" role="tablist">
          {(['intents', 'scenario', 'json', 'console', 'history'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              className={`button ${tab === t ? 'button--primary' : 'button--ghost'}`}
              onClick={() => switchTab(t)}
              data-testid={`bot-tab-${t}`}
            >
              {TAB_LABELS[t](text)}
            </button>
          ))}
        </div>
        <span className="chip" data-testid="bot-version" data-version={bot.version} data-published-version={bot.publishedVersion ?? ''}>
          {text.draftVersion(bot.version)} · {text.published(bot.publishedVersion)}
        </span>
        {dirty && <span className="bot-builder__dirty">{text.unsaved}</span>}
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void save()} data-testid="bot-save">
          {text.save}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy || dirty}
          title={dirty ? text.publishHint : undefined}
          onClick={() => void publish()}
          data-testid="bot-publish"
        >
          {text.publish}
        </button>
      </div>
      <div className="bot-builder__import" title={text.importHint}>
        <label className="button button--secondary" aria-disabled={busy || dirty} title={dirty ? text.publishHint : undefined}>
          {text.importIntents}
          <input
            type="file"
            accept=".yml,.yaml,.zip,application/zip,text/yaml"
            hidden
            disabled={busy || dirty}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importIntents(file);
            }}
            data-testid="bot-intents-import-input"
          />
        </label>
        <label>
          {text.importLang}{' '}
          <select value={importLang} onChange={(e) => setImportLang(e.target.value)} data-testid="bot-intents-import-lang">
            {langs.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <BuilderErrorBanner error={error} />}
      {notice && (
        <p className="banner bot-notice" role="status" data-testid="bot-notice">
          {notice}
        </p>
      )}
      {report && (report.skipped.length > 0 || report.entities.length > 0) && (
        <div className="bot-import-report" data-testid="bot-import-report">
          {report.entities.length > 0 && (
            <p>
              {text.importEntities} {report.entities.join(', ')}
            </p>
          )}
          {report.skipped.length > 0 && (
            <details>
              <summary>{text.importSkipped(report.skipped.length)}</summary>
              <ul>
                {report.skipped.map((s, i) => (
                  <li key={i} data-testid="bot-import-skipped">
                    <code>{s.item}</code> — {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}

      {tab === 'intents' && (
        <div className="bot-intents">
          {intentsOf(draft).map((intent) => (
            <IntentEditor
              key={intent.id}
              intent={intent}
              langs={langs}
              text={text}
              onAddPhrase={(lang, phrase) => edit(addPhrase(draft, intent.id, lang, phrase))}
              onRemovePhrase={(lang, index) => edit(removePhrase(draft, intent.id, lang, index))}
              onAnswer={(lang, value) => edit(setAnswerText(draft, intent.id, lang, value))}
            />
          ))}
          <form
            className="bot-intent-new"
            onSubmit={(e) => {
              e.preventDefault();
              if (!newIntent.trim()) return;
              edit(addIntent(draft, newIntent));
              setNewIntent('');
            }}
          >
            <input value={newIntent} onChange={(e) => setNewIntent(e.target.value)} placeholder={text.newIntentPlaceholder} data-testid="bot-intent-new-name" />
            <button type="submit" className="button button--secondary" data-testid="bot-intent-new">
              {text.addIntent}
            </button>
          </form>
        </div>
      )}

      {tab === 'scenario' && (
        <div className="bot-scenarios">
          {scenariosOf(draft).length === 0 && <p className="empty">{text.noScenario}</p>}
          {scenariosOf(draft).map((scenario) => (
            <div key={scenario.id} className="bot-scenario" data-testid="bot-scenario" data-scenario-id={scenario.id}>
              <h3>
                {scenario.id}{' '}
                <small>
                  ({text.startsWith} {scenario.intent})
                </small>
              </h3>
              <ol className="bot-steps">
                {scenario.steps.map((step) => (
                  <li key={step.id} className="bot-step" data-testid="bot-step" data-step-id={step.id} data-step-type={step.type}>
                    <div className="bot-step__head">
                      <span className="chip">{step.type}</span> <code>{step.id}</code>{' '}
                      {step.summary && <span className="bot-step__summary">{step.summary}</span>}
                    </div>
                    {step.editable &&
                      langs.map((lang) => (
                        <label key={lang} className="bot-field">
                          <span className="bot-field__lang">{lang}</span>
                          <textarea
                            rows={2}
                            value={step.editable?.text[lang] ?? ''}
                            onChange={(e) => edit(setStepText(draft, scenario.id, step.id, lang, e.target.value))}
                            data-testid="bot-step-text"
                            data-lang={lang}
                          />
                        </label>
                      ))}
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </div>
      )}

      {tab === 'console' && <BotConsole botId={bot.id} api={api} text={text} dirty={dirty} />}

      {tab === 'history' && <BotHistory bot={bot} api={api} text={text} dirty={dirty} onRestored={restored} onError={showError} />}

      {tab === 'json' && (
        <textarea
          className="bot-json"
          spellCheck={false}
          value={jsonText}
          onChange={(e) => {
            setJsonText(e.target.value);
            setDirty(true);
            setNotice(null);
          }}
          data-testid="bot-json"
        />
      )}
    </section>
  );
}

function IntentEditor({
  intent,
  langs,
  text,
  onAddPhrase,
  onRemovePhrase,
  onAnswer,
}: {
  intent: IntentView;
  langs: string[];
  text: BotsText;
  onAddPhrase: (lang: string, phrase: string) => void;
  onRemovePhrase: (lang: string, index: number) => void;
  onAnswer: (lang: string, value: string) => void;
}) {
  const [lang, setLang] = useState(langs[0] ?? 'fr');
  const [phrase, setPhrase] = useState('');
  const shownLangs = [...langs, ...Object.keys(intent.phrases).filter((l) => !langs.includes(l))];
  const label = intent.label[langs[0] ?? ''] ?? Object.values(intent.label)[0];
  return (
    <div className="bot-intent" data-testid="bot-intent" data-intent-id={intent.id}>
      <h3>
        <code>{intent.id}</code> {label && <span>{label}</span>}
      </h3>
      <h4>{text.phrases}</h4>
      {shownLangs.map((l) => (
        <div key={l} className="bot-phrases" data-lang={l}>
          <span className="bot-field__lang">{l}</span>
          {(intent.phrases[l] ?? []).length === 0 ? (
            <span className="empty">{text.noPhrase}</span>
          ) : (
            <ul>
              {(intent.phrases[l] ?? []).map((p, i) => (
                <li key={`${i}-${p}`} data-testid="bot-phrase" data-lang={l}>
                  <span>{p}</span>
                  <button
                    type="button"
                    className="button button--ghost"
                    aria-label={`${text.removePhrase} ${p}`}
                    onClick={() => onRemovePhrase(l, i)}
                    data-testid="bot-phrase-remove"
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <form
        className="bot-phrase-new"
        onSubmit={(e) => {
          e.preventDefault();
          if (!phrase.trim()) return;
          onAddPhrase(lang, phrase);
          setPhrase('');
        }}
      >
        <select value={lang} onChange={(e) => setLang(e.target.value)} data-testid="bot-intent-phrase-lang">
          {shownLangs.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        <input value={phrase} onChange={(e) => setPhrase(e.target.value)} placeholder={text.phrasePlaceholder} data-testid="bot-intent-phrase-input" />
        <button type="submit" className="button button--secondary" data-testid="bot-intent-add-phrase">
          {text.addPhrase}
        </button>
      </form>
      {intent.answer && (
        <>
          <h4>{text.answer}</h4>
          {langs.map((l) => (
            <label key={l} className="bot-field">
              <span className="bot-field__lang">{l}</span>
              <textarea rows={2} value={intent.answer?.[l] ?? ''} onChange={(e) => onAnswer(l, e.target.value)} data-testid="bot-answer" data-lang={l} />
            </label>
          ))}
        </>
      )}
    </div>
  );
}
