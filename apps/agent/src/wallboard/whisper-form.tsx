import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { sharedAssistApi } from '../assist/assist-api.js';
import { assistText } from '../assist/assist-text.js';

/** "Whisper" to the agent of a conversation: a message with visibility `whisper`, never sent to the customer. */
export function WhisperForm({ conversationId }: { conversationId: string }) {
  const { locale } = useI18n();
  const text = assistText(locale);
  const [value, setValue] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = value.trim();
    if (!body || state === 'sending') return;
    setState('sending');
    try {
      await sharedAssistApi().whisper(conversationId, body);
      setValue('');
      setState('sent');
    } catch {
      setState('failed');
    }
  };
  return (
    <form className="whisper-form" onSubmit={submit} data-testid="whisper-form">
      <input
        className="whisper-form__input"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={text.whisperPlaceholder}
        aria-label={text.whisperPlaceholder}
        maxLength={2000}
        data-testid="whisper-input"
      />
      <button type="submit" className="button button--secondary" disabled={state === 'sending' || value.trim() === ''} data-testid="whisper-send">
        {text.whisper}
      </button>
      {state === 'sent' && (
        <span className="whisper-form__sent" role="status" data-testid="whisper-sent">
          {text.whisperSent}
        </span>
      )}
    </form>
  );
}
