import { useI18n } from '../i18n/i18n-context.js';
import type { MessageMood } from './assist-api.js';
import { assistText } from './assist-text.js';

/** Anger from this intensity shows the cue (the same threshold as the server's alert). */
const ANGER_CUE = 0.5;

/** Whether a message's mood deserves a cue: anger, or a clearly negative message. */
export function needsCue(mood: MessageMood | undefined): mood is MessageMood {
  return Boolean(mood && (mood.emotions.anger >= ANGER_CUE || mood.score <= -0.6));
}

/**
 * The emotion cue under an angry customer message, as its own log row so the message component
 * stays untouched.
 */
export function EmotionCue({ mood }: { mood: MessageMood }) {
  const { locale } = useI18n();
  const text = assistText(locale);
  const angry = mood.emotions.anger >= ANGER_CUE;
  return (
    <li className="emotion-cue-row" data-message-id={mood.messageId}>
      <span className={`emotion-cue ${angry ? 'emotion-cue--anger' : ''}`} data-testid="emotion-cue" data-label={mood.label} title={`${mood.label} ${mood.score.toFixed(2)}`}>
        <span aria-hidden="true">{angry ? '😠' : '☹'}</span> {angry ? text.anger : text.negative} · {Math.round((angry ? mood.emotions.anger : -mood.score) * 100)} %
      </span>
    </li>
  );
}
