import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../state/session-context.js';
import { assistText, type AssistText } from '../assist/assist-text.js';
import { fillText } from '../assist/assist-text.js';
import type { AgentBoard, QueueBoard, WallboardRow } from '../assist/assist-api.js';
import { useWallboard } from './use-wallboard.js';
import { WhisperForm } from './whisper-form.js';
import { BoardActions } from './board-actions.js';
import { PresenceBar, ShareBar, higherIsBetter, higherIsWorse } from './wallboard-charts.js';
import './wallboard.css';

const duration = (s: number): string => (s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')}`);
const waited = (since: string | null, now: number): string => (since ? duration(Math.max(0, Math.round((now - Date.parse(since)) / 1000))) : '—');
const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)} %`);

/** Why a row is flagged, in the interface language: help first, then struggle, then the emotion guidance. */
const alertText = (row: WallboardRow, text: AssistText, locale: 'fr' | 'en'): string | null => {
  if (row.help) return row.help.note ? fillText(text.helpAlertNote, { note: row.help.note }) : text.helpAlert;
  if (row.struggle)
    return fillText(text.struggleAlert, {
      mood: text.struggleMood[row.struggle.mood],
      handling: duration(row.struggle.handlingSec),
      sla: text.struggleSla[row.struggle.slaRisk],
    });
  return row.alert ? row.alert.guidance[locale] : null;
};
const alertKind = (row: WallboardRow): string => (row.help ? 'help' : row.struggle ? 'struggle' : row.alert ? row.alert.reason : 'none');

function QueueSection({ queues, text }: { queues: QueueBoard[]; text: AssistText }) {
  if (queues.length === 0) return null;
  return (
    <section className="wallboard__section" aria-labelledby="wallboard-queues">
      <h2 id="wallboard-queues" className="wallboard__subtitle">
        {text.queuesTitle}
      </h2>
      <ul className="queue-cards">
        {queues.map((q) => (
          <li key={q.queueId} className="queue-card" data-testid="queue-card" data-queue-id={q.queueId}>
            <h3 className="queue-card__name">{q.name}</h3>
            <dl className="queue-card__figures">
              <div>
                <dt>{text.queueWaiting}</dt>
                <dd data-testid="queue-waiting">{q.waiting}</dd>
              </div>
              <div>
                <dt>{text.longestWait}</dt>
                <dd data-testid="queue-longest">{q.waiting > 0 ? duration(q.longestWaitSec) : '—'}</dd>
              </div>
              <div className="queue-card__wide">
                <dt>{text.serviceLevel}</dt>
                <dd>
                  <ShareBar
                    share={q.serviceLevel.share}
                    tone={higherIsBetter(q.serviceLevel.share)}
                    testId="queue-service-level"
                    label={
                      q.serviceLevel.targetSec === null
                        ? text.noTarget
                        : `${percent(q.serviceLevel.share)} · ${fillText(text.serviceLevelDetail, { met: q.serviceLevel.met, decided: q.serviceLevel.decided, target: q.serviceLevel.targetSec })}`
                    }
                  />
                </dd>
              </div>
              <div className="queue-card__wide">
                <dt>{text.occupancy}</dt>
                <dd>
                  <ShareBar
                    share={q.occupancy.share}
                    tone={higherIsWorse(q.occupancy.share)}
                    testId="queue-occupancy"
                    label={`${percent(q.occupancy.share)} · ${q.occupancy.load}/${q.occupancy.capacity}`}
                  />
                </dd>
              </div>
              <div className="queue-card__wide">
                <dt>{text.agentsTitle}</dt>
                <dd>
                  <PresenceBar counts={q.agents} labels={text.presence} />
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AgentSection({ agents, text }: { agents: AgentBoard[]; text: AssistText }) {
  if (agents.length === 0) return null;
  return (
    <section className="wallboard__section" aria-labelledby="wallboard-agents">
      <h2 id="wallboard-agents" className="wallboard__subtitle">
        {text.agentsTitle}
      </h2>
      <table className="wallboard__table">
        <thead>
          <tr>
            <th scope="col">{text.agent}</th>
            <th scope="col">{text.agentLoad}</th>
            <th scope="col">{text.handleTime}</th>
            <th scope="col">{text.negativeShare}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.agentId} data-testid="agent-row" data-agent-id={a.agentId} data-presence={a.presence}>
              <td>
                <span className={`presence-dot presence-dot--${a.presence}`}>{a.name}</span>{' '}
                <span className="wallboard__muted">{text.presence[a.presence]}</span>
              </td>
              <td>
                <ShareBar
                  share={a.capacity > 0 ? a.load / a.capacity : null}
                  tone={higherIsWorse(a.capacity > 0 ? a.load / a.capacity : null)}
                  testId="agent-load"
                  label={`${a.conversations} · ${a.load}/${a.capacity}`}
                />
              </td>
              <td data-testid="agent-handle-time">
                {a.averageHandleSec === null ? '—' : duration(a.averageHandleSec)}{' '}
                <span className="wallboard__muted">{fillText(text.handledToday, { count: a.handledToday })}</span>
              </td>
              <td>
                <ShareBar share={a.negativeShare} tone={higherIsWorse(a.negativeShare)} testId="agent-negative" label={percent(a.negativeShare)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const moodLabel = (row: WallboardRow, text: AssistText): string => {
  const mood = row.lastMood;
  if (!mood) return '—';
  const emotion = mood.emotions.anger >= 0.5 ? ` · ${text.anger} ${Math.round(mood.emotions.anger * 100)} %` : '';
  return `${text.moods[mood.label]} (${mood.score.toFixed(2)})${emotion}`;
};

/**
 * The supervisor's wallboard: queues (waiting, service level, occupancy, advisors by presence) and
 * advisors (load, handle time, unhappy customers) as small bar charts, then open and pending
 * conversations with their agent, waiting time and last customer mood. Help requests and
 * struggling conversations come first with their reason; each row can whisper to the agent,
 * take the conversation over or reassign it.
 */
export function Wallboard() {
  const { locale } = useI18n();
  const { memberNames } = useSession();
  const text = assistText(locale);
  const { board, error, refresh } = useWallboard();
  const rows = board?.items;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <main className="wallboard" data-testid="wallboard">
      <h1 className="wallboard__title">{text.supervision}</h1>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {board && <QueueSection queues={board.queues} text={text} />}
      {board && <AgentSection agents={board.agents} text={text} />}
      <h2 className="wallboard__subtitle">{text.wallboardTitle}</h2>
      {rows?.length === 0 && <p className="empty">{text.none}</p>}
      <table className="wallboard__table">
        <thead>
          <tr>
            <th scope="col">{text.customer}</th>
            <th scope="col">{text.agent}</th>
            <th scope="col">{text.waiting}</th>
            <th scope="col">{text.mood}</th>
            <th scope="col">{text.whisper}</th>
            <th scope="col">{text.actions}</th>
          </tr>
        </thead>
        <tbody>
          {rows?.map((row) => {
            const why = alertText(row, text, locale);
            return (
              <tr
                key={row.conversationId}
                className={why ? 'wallboard__row wallboard__row--alert' : 'wallboard__row'}
                data-testid="wallboard-row"
                data-conversation-id={row.conversationId}
                data-alert={alertKind(row)}
              >
                <td>
                  {row.customerName ?? row.customerId.slice(0, 8)}
                  {why && (
                    <p className="wallboard__alert" data-testid="wallboard-alert">
                      {row.help ? '🆘' : '⚠'} {why}
                    </p>
                  )}
                </td>
                <td>{row.agentId ? (memberNames.get(row.agentId) ?? row.agentId.slice(0, 8)) : text.nobody}</td>
                <td data-testid="wallboard-waiting">{waited(row.waitingSince, now)}</td>
                <td data-testid="wallboard-mood" data-label={row.lastMood?.label ?? 'none'}>
                  {moodLabel(row, text)}
                </td>
                <td>
                  <WhisperForm conversationId={row.conversationId} />
                </td>
                <td>
                  <BoardActions
                    conversationId={row.conversationId}
                    agentId={row.agentId}
                    agents={board?.agents ?? []}
                    queues={board?.queues ?? []}
                    onDone={refresh}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </main>
  );
}
