// Agent assist events on the `/agent` namespace, declared beside the base protocol (module
// augmentation keeps the assist feature in its own file).

/** Emotion intensities (0–1) of a customer message. */
export interface AssistEmotions {
  anger: number;
  satisfaction: number;
  urgency: number;
  confusion: number;
}

/** A customer message was analysed (`message.analyzed` on the timeline). */
export interface AssistAnalyzedEvent {
  conversationId: string;
  customerId: string;
  mood: { messageId: string; language: string; label: 'negative' | 'neutral' | 'positive'; score: number; emotions: AssistEmotions };
  trend: { direction: 'improving' | 'worsening' | 'stable'; current: number };
}

/**
 * The customer looks angry or the mood keeps falling, or the advisor asked for help (`help`, no
 * message): guidance for the agent, a highlight for supervisors.
 */
export interface AssistAlertEvent {
  conversationId: string;
  customerId: string;
  alert: { reason: 'anger' | 'worsening' | 'help'; messageId: string | null; guidance: { fr: string; en: string } };
  /** Help requests: who asked and their note. */
  agentId?: string;
  note?: string | null;
}

/** A conversation's procedure checklist changed (a step ticked by an outgoing message or by hand). */
export interface AssistChecklistEvent {
  conversationId: string;
  customerId: string;
  checklist: {
    articleId: string;
    title: string;
    language: string;
    stored: boolean;
    steps: Array<{
      id: string;
      text: string;
      checked: boolean;
      checkedAt: string | null;
      checkedBy: { kind: string; id: string | null } | null;
      source: 'manual' | 'auto' | null;
      messageId: string | null;
      matchedTerms: string[];
    }>;
  };
}

declare module './agent-protocol.js' {
  interface AgentServerEvents {
    /** Sentiment and emotions of a new customer message. */
    'assist:analyzed': (event: AssistAnalyzedEvent) => void;
    /** An emotion alert with de-escalation guidance (agents and supervisors of the workspace). */
    'assist:alert': (event: AssistAlertEvent) => void;
    /** The open conversation's checklist changed. */
    'assist:checklist': (event: AssistChecklistEvent) => void;
  }
}
