import { analyzeSentiment, detectLanguage, sentimentTrend, type SentimentAnalysis, type SentimentTrend } from '@parley/nlu';
import { BUILT_IN_ONLY, type SentimentModelLookup } from './sentiment-models.js';

/** One customer message's mood, as stored on the timeline (`message.analyzed`) and sent to agents. */
export interface MessageMood {
  messageId: string;
  language: string;
  label: SentimentAnalysis['label'];
  score: number;
  emotions: SentimentAnalysis['emotions'];
  /** `trained`: the workspace's model for the language decided the label and score; `lexicon`: the built-in one. */
  source: SentimentAnalysis['source'];
}

/** Why the assistant raises an alert, with de-escalation guidance in both interface languages. */
export interface AssistAlert {
  /** `help`: the advisor pressed "help" (see supervision.ts); the others come from the customer's mood. */
  reason: 'anger' | 'worsening' | 'help';
  /** The customer message that raised it; null for a help request. */
  messageId: string | null;
  guidance: { fr: string; en: string };
}

/** Anger above this on the latest message raises an alert (the lexicon gives ~0.9 to "furieux"). */
export const ANGER_ALERT = 0.5;
/** A worsening trend raises an alert only once the customer is clearly unhappy. */
const WORSENING_CURRENT = -0.3;

const GUIDANCE: Record<'anger' | 'worsening', AssistAlert['guidance']> = {
  anger: {
    fr: 'Client en colère : reconnaissez le problème et excusez-vous, reformulez sa demande, proposez une action concrète avec un délai. Évitez le jargon et les justifications.',
    en: 'Angry customer: acknowledge the problem and apologise, restate the request, offer one concrete action with a time frame. Avoid jargon and justifications.',
  },
  worsening: {
    fr: 'Le ton se dégrade : faites le point sur ce qui a été fait, donnez une prochaine étape claire et proposez de rappeler ou de passer la main.',
    en: 'The mood is getting worse: sum up what was done, give one clear next step and offer a call back or a hand-over.',
  },
};

/**
 * Sentiment and emotions of one customer message (language detected, French when unsure: the
 * demo and most installs are French), with the workspace's trained model for that language when
 * `models` has one, else the built-in lexicon. Emotions always come from the lexicon.
 *
 * @example
 * moodOf({ id: 'm1', text: "C'est inadmissible, je suis furieux" }).emotions.anger // ≈ 0.9
 * moodOf(message, await sentimentModels.lookup(workspaceId)).source // 'trained' when the workspace trained one
 */
export function moodOf(message: { id: string; text: string }, models: SentimentModelLookup = BUILT_IN_ONLY): MessageMood {
  const detected = detectLanguage(message.text, { candidates: ['fr', 'en'] });
  const language = detected.confidence >= 0.5 ? detected.language : 'fr';
  const model = models(language);
  const analysis = analyzeSentiment(message.text, model ? { language, model } : { language });
  return { messageId: message.id, language, label: analysis.label, score: analysis.score, emotions: analysis.emotions, source: analysis.source };
}

/**
 * The conversation's trend and, when the latest message is angry or the trend falls while the
 * customer is unhappy, an alert with guidance.
 *
 * @example
 * const { alert } = assessMoods(customerMessages.map(moodOf));
 */
export function assessMoods(moods: readonly MessageMood[]): { trend: SentimentTrend; alert: AssistAlert | null } {
  const trend = sentimentTrend(moods);
  const last = moods.at(-1);
  if (!last) return { trend, alert: null };
  if (last.emotions.anger >= ANGER_ALERT) return { trend, alert: { reason: 'anger', messageId: last.messageId, guidance: GUIDANCE.anger } };
  if (trend.messages >= 2 && trend.direction === 'worsening' && trend.current <= WORSENING_CURRENT)
    return { trend, alert: { reason: 'worsening', messageId: last.messageId, guidance: GUIDANCE.worsening } };
  return { trend, alert: null };
}
