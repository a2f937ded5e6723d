import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { sharedAssistApi, type AgentBoard, type QueueBoard, type ReassignTarget } from '../assist/assist-api.js';
import { assistText, fillText } from '../assist/assist-text.js';

/**
 * A wallboard row's actions: take the conversation over, or reassign it to another advisor or a
 * queue with a note. Errors (an advisor offline or full) show as the server words them.
 */
export function BoardActions({
  conversationId,
  agentId,
  agents,
  queues,
  onDone,
}: {
  conversationId: string;
  agentId: string | null;
  agents: AgentBoard[];
  queues: QueueBoard[];
  onDone: () => void;
}) {
  const { locale } = useI18n();
  const text = assistText(locale);
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setState('busy');
    setError(null);
    try {
      await action();
      setState('done');
      setNote('');
      setTarget('');
      onDone();
    } catch (e) {
      setState('idle');
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const reassign = (event: FormEvent) => {
    event.preventDefault();
    const [kind, id] = target.split(':');
    if (!id) return;
    const to: ReassignTarget = kind === 'queue' ? { toQueueId: id } : { toAgentId: id };
    void run(() => sharedAssistApi().reassign(conversationId, to, note));
  };
  return (
    <div className="board-actions" data-testid="board-actions">
      <button
        type="button"
        className="button button--secondary"
        disabled={state === 'busy'}
        onClick={() => void run(() => sharedAssistApi().takeOver(conversationId))}
        data-testid="take-over"
      >
        {text.takeOver}
      </button>
      <form className="board-actions__reassign" onSubmit={reassign}>
        <select value={target} onChange={(e) => setTarget(e.target.value)} aria-label={text.reassignTo} data-testid="reassign-target">
          <option value="">{text.reassignTo}…</option>
          {agents
            .filter((a) => a.agentId !== agentId)
            .map((a) => (
              <option key={a.agentId} value={`agent:${a.agentId}`}>
                {fillText(text.toAgent, { name: a.name })} ({text.presence[a.presence]}, {a.load}/{a.capacity})
              </option>
            ))}
          {queues.map((q) => (
            <option key={q.queueId} value={`queue:${q.queueId}`}>
              {fillText(text.toQueue, { name: q.name })}
            </option>
          ))}
        </select>
        <input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={text.reassignNote}
          aria-label={text.reassignNote}
          maxLength={2000}
          data-testid="reassign-note"
        />
        <button type="submit" className="button button--secondary" disabled={state === 'busy' || target === ''} data-testid="reassign-send">
          {text.reassign}
        </button>
      </form>
      {state === 'done' && (
        <span className="whisper-form__sent" role="status" data-testid="board-action-done">
          {text.done}
        </span>
      )}
      {error && (
        <span className="board-actions__error" role="alert" data-testid="board-action-error">
          {error}
        </span>
      )}
    </div>
  );
}
