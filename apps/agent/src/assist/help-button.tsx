import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { sharedAssistApi } from './assist-api.js';
import { assistText } from './assist-text.js';

/**
 * The advisor's "Help" button in the conversation header: alerts the supervisors (their wallboard
 * puts the conversation first). Shown only to the conversation's advisor.
 */
export function HelpButton({ conversationId }: { conversationId: string }) {
  const { locale } = useI18n();
  const text = assistText(locale);
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  useEffect(() => setState('idle'), [conversationId]);
  const ask = async () => {
    setState('sending');
    try {
      await sharedAssistApi().requestHelp(conversationId, null);
      setState('sent');
    } catch {
      setState('failed');
    }
  };
  return (
    <span className="help-button">
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void ask()}
        disabled={state === 'sending'}
        title={text.helpTitle}
        aria-label={text.helpTitle}
        data-testid="help-button"
      >
        🆘 {text.help}
      </button>
      {state === 'sent' && (
        <span role="status" className="help-button__status" data-testid="help-sent">
          {text.helpSent}
        </span>
      )}
      {state === 'failed' && (
        <span role="alert" className="help-button__status help-button__status--failed">
          {text.helpFailed}
        </span>
      )}
    </span>
  );
}
