import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import type { botsApi, BotSummary, BotVersionSummary } from './bots-api.js';
import type { BotsText } from './bots-text.js';

/**
 * The bot's version history: every saved draft with who saved and published it; one can be
 * viewed as JSON and restored into the draft (a new draft version; publishing stays separate).
 */
export function BotHistory({
  bot,
  api,
  text,
  dirty,
  onRestored,
  onError,
}: {
  bot: BotSummary;
  api: ReturnType<typeof botsApi>;
  text: BotsText;
  dirty: boolean;
  onRestored: (bot: BotSummary, from: number) => void;
  onError: (e: unknown) => void;
}) {
  const { locale } = useI18n();
  const [versions, setVersions] = useState<BotVersionSummary[] | null>(null);
  const [shown, setShown] = useState<{ version: number; definition: Record<string, unknown> } | null>(null);
  const [busy, setBusy] = useState(false);
  const format = (iso: string) =>
    new Intl.DateTimeFormat(locale.startsWith('en') ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  useEffect(() => {
    let cancelled = false;
    api.versions(bot.id).then(
      ({ items }) => !cancelled && setVersions(items),
      (e: unknown) => !cancelled && onError(e),
    );
    return () => {
      cancelled = true;
    };
    // The list follows the bot's draft version: a save, import or restore reloads it.
  }, [api, bot.id, bot.version, onError]);

  const view = async (version: number) => {
    if (shown?.version === version) return setShown(null);
    try {
      const found = await api.version(bot.id, version);
      setShown({ version, definition: found.definition });
    } catch (e) {
      onError(e);
    }
  };

  const restore = async (version: number) => {
    setBusy(true);
    try {
      onRestored(await api.restoreVersion(bot.id, version), version);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  if (versions === null) return <p className="empty">…</p>;
  if (versions.length === 0) return <p className="empty">{text.historyEmpty}</p>;
  return (
    <ol className="bot-history" data-testid="bot-history">
      {versions.map((v) => (
        <li key={v.version} className="bot-history__item" data-testid="bot-history-item" data-version={v.version}>
          <div className="bot-history__head">
            <strong>{text.historyVersion(v.version)}</strong> <span>{v.name}</span>
            {v.version === bot.version && <span className="chip">{text.historyCurrent}</span>}
            {v.version === bot.publishedVersion && <span className="chip">{text.published(bot.publishedVersion)}</span>}
          </div>
          <p className="bot-history__meta">
            {text.historySaved(format(v.savedAt), v.savedBy?.name ?? null)}
            {v.publishedAt && ` · ${text.historyPublished(format(v.publishedAt), v.publishedBy?.name ?? null)}`}
          </p>
          <div className="bot-history__actions">
            <button type="button" className="button button--ghost" onClick={() => void view(v.version)} data-testid="bot-history-view">
              {shown?.version === v.version ? text.historyHide : text.historyView}
            </button>
            {v.version !== bot.version && (
              <button
                type="button"
                className="button button--secondary"
                disabled={busy || dirty}
                title={dirty ? text.publishHint : undefined}
                onClick={() => void restore(v.version)}
                data-testid="bot-history-restore"
              >
                {text.historyRestore}
              </button>
            )}
          </div>
          {shown?.version === v.version && (
            <pre className="bot-definition" data-testid="bot-history-definition">
              {JSON.stringify(shown.definition, null, 2)}
            </pre>
          )}
        </li>
      ))}
    </ol>
  );
}
