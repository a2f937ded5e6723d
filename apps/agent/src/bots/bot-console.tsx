import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { percent, type botsApi, type ConsoleBlock, type ConsoleTurn } from './bots-api.js';
import type { BotsText } from './bots-text.js';

interface Exchange {
  said: string;
  turn: ConsoleTurn;
}

/**
 * The builder's test console: a chat with the saved draft, and under each bot answer the
 * explanation of the turn (language, intent ranking and the features that weighed, entities,
 * the policy's decision, slots, attributes, HTTP calls). The server keeps nothing: the bot state
 * lives here and goes back with the next message.
 */
export function BotConsole({ botId, api, text, dirty }: { botId: string; api: ReturnType<typeof botsApi>; text: BotsText; dirty: boolean }) {
  const { locale } = useI18n();
  const [exchanges, setExchanges] = useState<Exchange[]>([]);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pct = (n: number) => percent(n, locale);

  const send = async (said: string) => {
    if (!said.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      const state = exchanges.at(-1)?.turn.state ?? null;
      const turn = await api.consoleTurn(botId, said, state);
      setExchanges((list) => [...list, { said, turn }]);
      setMessage('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bot-console" data-testid="bot-console">
      <p className="bot-console__help">{text.consoleHelp}</p>
      {dirty && <p className="bot-console__warning">{text.consoleUnsaved}</p>}
      <ol className="bot-console__chat" aria-live="polite">
        {exchanges.length === 0 && <li className="empty">{text.consoleEmpty}</li>}
        {exchanges.map((x, i) => (
          <li key={i} className="bot-console__exchange" data-testid="bot-console-turn">
            <p className="bot-console__said">
              <strong>{text.consoleYou}</strong> {x.said}
            </p>
            {x.turn.replies.map((blocks, j) => (
              <div key={j} className="bot-console__reply" data-testid="bot-console-reply">
                {blocks.map((block, k) => (
                  <Block key={k} block={block} onPick={(payload) => void send(payload)} disabled={busy || i !== exchanges.length - 1} />
                ))}
              </div>
            ))}
            {x.turn.notes.map((note, j) => (
              <p key={j} className="bot-console__note" data-testid="bot-console-note" data-kind={note.kind}>
                {note.kind === 'otp_not_sent' ? text.otpNotSent(String(note.code)) : text.scenarioEnded}
              </p>
            ))}
            <Explanation turn={x.turn} text={text} pct={pct} />
          </li>
        ))}
      </ol>
      {error && (
        <p className="banner banner--error" role="alert" data-testid="bot-console-error">
          {error}
        </p>
      )}
      <form
        className="bot-console__form"
        onSubmit={(e) => {
          e.preventDefault();
          void send(message);
        }}
      >
        <input
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          placeholder={text.consolePlaceholder}
          maxLength={2000}
          data-testid="bot-console-input"
        />
        <button type="submit" className="button button--primary" disabled={busy || !message.trim()} data-testid="bot-console-send">
          {text.consoleSend}
        </button>
        <button
          type="button"
          className="button button--ghost"
          disabled={busy || exchanges.length === 0}
          onClick={() => setExchanges([])}
          data-testid="bot-console-reset"
        >
          {text.consoleReset}
        </button>
      </form>
    </div>
  );
}

function Block({ block, onPick, disabled }: { block: ConsoleBlock; onPick: (payload: string) => void; disabled: boolean }) {
  if (block.type === 'text') return <p>{block.text}</p>;
  if (block.type === 'cards') return <p>{block.cards.map((c) => c.title).join(' / ')}</p>;
  const buttons = block.type === 'buttons' ? block.buttons : block.replies;
  return (
    <div>
      {block.text && <p>{block.text}</p>}
      <div className="bot-console__buttons">
        {buttons.map((b) => (
          <button key={b.id} type="button" className="button button--secondary" disabled={disabled} onClick={() => onPick(b.payload ?? b.label)}>
            {b.label}
          </button>
        ))}
      </div>
    </div>
  );
}

function Explanation({ turn, text, pct }: { turn: ConsoleTurn; text: BotsText; pct: (n: number) => string }) {
  const { nlu } = turn;
  const slots = Object.entries(turn.slots);
  const attributes = Object.entries(turn.attributes);
  return (
    <details className="bot-console__why" open data-testid="bot-console-explanation" data-intent={nlu.intent ?? ''} data-decision={turn.decision.kind}>
      <summary>{text.nluTitle}</summary>
      <dl className="bot-console__facts">
        <dt>{text.language}</dt>
        <dd>{nlu.language}</dd>
        <dt>{text.retained}</dt>
        <dd data-testid="bot-console-intent">
          {nlu.intent ?? (nlu.oos ? text.outOfScope : text.none)} <small>({text.threshold(pct(nlu.threshold))})</small>
        </dd>
        <dt>{text.decision}</dt>
        <dd data-testid="bot-console-decision">{text.decisionLabel(turn.decision, pct)}</dd>
      </dl>
      <h5>{text.ranking}</h5>
      <ul className="bot-console__ranking" data-testid="bot-console-ranking">
        {nlu.ranking.map((c) => (
          <li key={c.intent}>
            <span className="bot-console__bar" style={{ width: `${Math.round(c.confidence * 100)}%` }} aria-hidden="true" />
            <code>{c.intent}</code> {pct(c.confidence)}
          </li>
        ))}
      </ul>
      <h5>{text.features}</h5>
      {nlu.features.length === 0 ? (
        <p className="empty">{text.none}</p>
      ) : (
        <ul className="bot-console__features" data-testid="bot-console-features">
          {nlu.features.map((f) => (
            <li key={`${f.kind}:${f.feature}`} title={f.kind}>
              <code>{f.feature}</code> +{f.weight.toFixed(2)}
            </li>
          ))}
        </ul>
      )}
      <dl className="bot-console__facts">
        <dt>{text.entities}</dt>
        <dd data-testid="bot-console-entities">
          {turn.entities.length === 0 ? text.none : turn.entities.map((e) => `${e.name}: ${e.normalized}`).join(' · ')}
        </dd>
        <dt>{text.slots}</dt>
        <dd data-testid="bot-console-slots">{slots.length === 0 ? text.noSlots : slots.map(([k, v]) => `${k} = ${v}`).join(' · ')}</dd>
        <dt>{text.attributes}</dt>
        <dd>{attributes.length === 0 ? text.none : attributes.map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(' · ')}</dd>
      </dl>
      {turn.http.length > 0 && (
        <>
          <h5>{text.httpCalls}</h5>
          {turn.http.map((call, i) => (
            <div key={i} className="bot-console__http" data-testid="bot-console-http">
              <code>
                {call.method} {call.url} → {call.status || '—'}
              </code>
              <pre>{JSON.stringify(call.body, null, 2)?.slice(0, 2000)}</pre>
            </div>
          ))}
        </>
      )}
    </details>
  );
}
