import { useEffect, useMemo, useState } from 'react';
import { createApiClient, csrfFromCookie } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';
import { BotBuilder, BuilderErrorBanner, builderErrorOf, type BuilderError } from './bot-builder.js';
import { parseDefinitionText, satisfiedRate } from './bot-edit.js';
import { BotSecrets } from './bot-secrets.js';
import { botsApi, percent, type BotStats, type BotSummary } from './bots-api.js';
import { botsText } from './bots-text.js';
import './bots.css';

/**
 * The bots admin: each bot with its containment and fallback rates, handoffs, the channels it
 * answers on, Export; the selected bot opens in the builder (intents, scenario, JSON; save,
 * publish); a JSON file imports a new bot.
 */
export function BotsAdmin() {
  const { locale } = useI18n();
  const text = botsText(locale);
  const api = useMemo(() => botsApi(createApiClient({ getCsrfToken: () => csrfFromCookie(document.cookie) })), []);
  const [bots, setBots] = useState<BotSummary[] | null>(null);
  const [stats, setStats] = useState<ReadonlyMap<string, BotStats>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [importError, setImportError] = useState<BuilderError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const { items } = await api.list();
        if (cancelled) return;
        setBots(items);
        setSelected((current) => current ?? items[0]?.id ?? null);
        const all = await Promise.all(items.map(async (b) => [b.id, await api.stats(b.id)] as const));
        if (!cancelled) setStats(new Map(all));
      } catch (e) {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api]);

  const exportBot = async (bot: BotSummary) => {
    try {
      const definition = await api.exportDefinition(bot.id);
      const url = URL.createObjectURL(new Blob([JSON.stringify(definition, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `bot-${bot.id}-v${bot.version}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const replaceBot = (bot: BotSummary) => setBots((list) => (list ?? []).map((b) => (b.id === bot.id ? bot : b)));

  const importFile = async (file: File) => {
    setImportError(null);
    setNotice(null);
    const content = await file.text();
    // YAML goes to the server as it is: it reads YAML and reports errors like for JSON.
    const yaml = /\.ya?ml$/i.test(file.name);
    const parsed = yaml ? null : parseDefinitionText(content);
    if (parsed && !parsed.ok) {
      setImportError({ message: `${text.invalidJson} : ${parsed.error}`, issues: [] });
      return;
    }
    try {
      const bot = parsed ? await api.create(parsed.definition) : await api.createFromYaml(content);
      setBots((list) => [...(list ?? []), bot]);
      setSelected(bot.id);
      setNotice(text.imported(bot.name));
      const s = await api.stats(bot.id);
      setStats((m) => new Map(m).set(bot.id, s));
    } catch (e) {
      setImportError(builderErrorOf(e, text));
    }
  };

  return (
    <main className="bots-admin" data-testid="bots-admin">
      <div className="bots-admin__head">
        <h1>{text.title}</h1>
        <label className="button button--secondary bots-admin__import">
          {text.import}
          <input
            type="file"
            accept="application/json,.json,.yaml,.yml"
            hidden
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
            data-testid="bot-import-input"
          />
        </label>
      </div>
      {importError && <BuilderErrorBanner error={importError} />}
      {notice && (
        <p className="banner" role="status" data-testid="bot-import-notice">
          {notice}
        </p>
      )}
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {bots?.length === 0 && <p className="empty">{text.empty}</p>}
      {bots?.map((bot) => {
        const s = stats.get(bot.id);
        return (
          <section key={bot.id} className="bot-card" data-testid="bot-card" data-bot-id={bot.id} data-bot-name={bot.name} aria-label={bot.name}>
            <div className="bot-card__head">
              <h2>{bot.name}</h2>
              <span className="chip">{text.published(bot.publishedVersion)}</span>
              {selected !== bot.id && (
                <button type="button" className="button button--secondary" onClick={() => setSelected(bot.id)} data-testid="bot-edit">
                  {text.edit}
                </button>
              )}
              <button type="button" className="button button--secondary" onClick={() => void exportBot(bot)} data-testid="bot-export">
                {text.export}
              </button>
              <a
                className="button button--secondary"
                href={`/api/v1/bots/${encodeURIComponent(bot.id)}/export?format=yaml`}
                download={`bot-${bot.id}-v${bot.version}.yaml`}
                data-testid="bot-export-yaml"
              >
                {text.exportYaml}
              </a>
            </div>
            <dl className="bot-stats" data-testid="bot-stats" data-loaded={s ? 'true' : 'false'}>
              <div>
                <dt>{text.conversations}</dt>
                <dd data-testid="bot-stats-conversations">{s?.conversations ?? '…'}</dd>
              </div>
              <div title={text.containmentHelp}>
                <dt>{text.containment}</dt>
                <dd data-testid="bot-stats-containment" data-rate={s?.containmentRate ?? ''}>
                  {s ? percent(s.containmentRate, locale) : '…'}
                </dd>
              </div>
              <div title={text.fallbackHelp}>
                <dt>{text.fallback}</dt>
                <dd data-testid="bot-stats-fallback" data-rate={s?.fallbackRate ?? ''}>
                  {s ? percent(s.fallbackRate, locale) : '…'}
                </dd>
              </div>
              <div>
                <dt>{text.handoffs}</dt>
                <dd data-testid="bot-stats-handoffs">{s?.handedOff ?? '…'}</dd>
              </div>
              <div title={text.satisfactionHelp(s?.csat.responses ?? 0)}>
                <dt>{text.satisfaction}</dt>
                <dd data-testid="bot-stats-csat">{s ? `${percent(satisfiedRate(s.csat), locale)} (${s.csat.responses})` : '…'}</dd>
              </div>
            </dl>
            <p data-testid="bot-channels">
              {text.channels} : {s ? (s.channels.length > 0 ? s.channels.map((c) => c.name).join(', ') : text.noChannel) : '…'}
            </p>
            {selected === bot.id && (
              <BotSecrets
                botId={bot.id}
                names={bot.secretNames ?? []}
                api={api}
                text={text}
                onChanged={(names) => replaceBot({ ...bot, secretNames: names })}
              />
            )}
            {selected === bot.id ? (
              <BotBuilder key={bot.id} bot={bot} api={api} text={text} onChanged={replaceBot} />
            ) : (
              <details>
                <summary>{text.definition}</summary>
                <pre className="bot-definition" data-testid="bot-definition">
                  {JSON.stringify(bot.definition, null, 2)}
                </pre>
              </details>
            )}
          </section>
        );
      })}
    </main>
  );
}
