import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Visibility } from '../api/types.js';
import { useI18n } from '../i18n/i18n-context.js';

const TYPING_IDLE_MS = 3_000;
const TYPING_REPEAT_MS = 2_500;

interface Props {
  onSend: (text: string, visibility: Visibility) => Promise<void>;
  onTyping: (isTyping: boolean) => void;
  /** Text put in by the assist panel ("Insert"): it replaces the draft for editing, never sends. */
  draft?: { text: string; nonce: number } | null;
}

/** Reply or internal note. Enter sends, Shift+Enter is a new line; typing is signalled, debounced. */
export function Composer({ onSend, onTyping, draft }: Props) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Visibility>('public');
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lastTypingSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);

  const stopTyping = () => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = null;
    if (lastTypingSent.current !== 0) onTyping(false);
    lastTypingSent.current = 0;
  };
  useEffect(() => () => void (idle.current && clearTimeout(idle.current)), []);
  useEffect(() => {
    if (!draft) return;
    setMode('public');
    setText(draft.text);
    textarea.current?.focus();
  }, [draft]);

  const signalTyping = () => {
    // Notes are for the team: the customer must not see "typing" for them.
    if (mode !== 'public') return;
    const now = Date.now();
    if (now - lastTypingSent.current > TYPING_REPEAT_MS) {
      onTyping(true);
      lastTypingSent.current = now;
    }
    if (idle.current) clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if (!body || sending) return;
    setSending(true);
    setError(null);
    stopTyping();
    // Clear at once, like any chat app: the sent message may come back over the socket before the
    // POST resolves, and a draft left in the box invites a double send. On failure the text comes back.
    setText('');
    try {
      await onSend(body, mode);
    } catch (e) {
      setText((current) => (current === '' ? body : current));
      setError(t('composer.failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setSending(false);
      textarea.current?.focus();
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  const note = mode === 'note';
  return (
    <form className={`composer ${note ? 'composer--note' : ''}`} onSubmit={submit} data-testid="composer">
      <div className="composer__modes" role="radiogroup" aria-label={t('composer.mode')}>
        <button
          type="button"
          role="radio"
          aria-checked={!note}
          className={`composer__mode ${!note ? 'is-active' : ''}`}
          onClick={() => setMode('public')}
          data-testid="composer-mode-reply"
        >
          {t('composer.reply')}
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={note}
          className={`composer__mode composer__mode--note ${note ? 'is-active' : ''}`}
          onClick={() => setMode('note')}
          data-testid="note-toggle"
          data-active={note ? 'true' : 'false'}
        >
          {t('composer.note')}
        </button>
      </div>
      <label className="visually-hidden" htmlFor="composer-text">
        {t('composer.label')}
      </label>
      <textarea
        id="composer-text"
        ref={textarea}
        className="composer__text"
        rows={3}
        value={text}
        placeholder={note ? t('composer.placeholderNote') : t('composer.placeholderReply')}
        onChange={(e) => {
          setText(e.target.value);
          signalTyping();
        }}
        onKeyDown={onKeyDown}
        onBlur={stopTyping}
        data-testid="composer-input"
      />
      <div className="composer__actions">
        {error && (
          <span className="composer__error" role="alert">
            {error}
          </span>
        )}
        <button
          type="submit"
          className={`button ${note ? 'button--note' : 'button--primary'}`}
          disabled={sending || text.trim() === ''}
          data-testid="send-button"
        >
          {note ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </form>
  );
}
