import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../state/session-context.js';
import { assistText, type AssistText } from '../assist/assist-text.js';
import type { WallboardRow } from '../assist/assist-api.js';
import { useWallboard } from './use-wallboard.js';
import { WhisperForm } from './whisper-form.js';
import './wallboard.css';

const waited = (since: string | null, now: number): string => {
  if (!since) return '—';
  const s = Math.max(0, Math.round((now - Date.parse(since)) / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')}`;
};

const moodLabel = (row: WallboardRow, text: AssistText): string => {
  const mood = row.lastMood;
  if (!mood) return '—';
  const emotion = mood.emotions.anger >= 0.5 ? ` · ${text.anger} ${Math.round(mood.emotions.anger * 100)} %` : '';
  return `${text.moods[mood.label]} (${mood.score.toFixed(2)})${emotion}`;
};

/**
 * The supervisor's wallboard: open and pending conversations with their agent, waiting time and
 * last customer mood; alerts come first, highlighted with the guidance the agent got, and a
 * whisper box reaches the agent without the customer ever seeing it.
 */
export function Wallboard() {
  const { locale } = useI18n();
  const { memberNames } = useSession();
  const text = assistText(locale);
  const { rows, error } = useWallboard();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <main className="wallboard" data-testid="wallboard">
      <h1 className="wallboard__title">{text.wallboardTitle}</h1>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {rows?.length === 0 && <p className="empty">{text.none}</p>}
      <table className="wallboard__table">
        <thead>
          <tr>
            <th scope="col">{text.customer}</th>
            <th scope="col">{text.agent}</th>
            <th scope="col">{text.waiting}</th>
            <th scope="col">{text.mood}</th>
            <th scope="col">{text.whisper}</th>
          </tr>
        </thead>
        <tbody>
          {rows?.map((row) => (
            <tr
              key={row.conversationId}
              className={row.alert ? 'wallboard__row wallboard__row--alert' : 'wallboard__row'}
              data-testid="wallboard-row"
              data-conversation-id={row.conversationId}
              data-alert={row.alert ? row.alert.reason : 'none'}
            >
              <td>
                {row.customerName ?? row.customerId.slice(0, 8)}
                {row.alert && (
                  <p className="wallboard__alert" data-testid="wallboard-alert">
                    ⚠ {row.alert.guidance[locale]}
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
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
