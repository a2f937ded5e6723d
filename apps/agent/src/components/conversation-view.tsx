import { useEffect, useRef, useState } from 'react';
import type { Conversation, CustomerName } from '../api/types.js';
import { customerLabel } from '../format/customer-label.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../state/session-context.js';
import { useConversationThread } from '../state/use-conversation-thread.js';
import { Composer } from './composer.js';
import { CustomerPanel } from './customer-panel.js';
import { MessageItem } from './message-item.js';
import { AssistPanel } from '../assist/assist-panel.js';
import { EmotionCue, needsCue } from '../assist/emotion-cue.js';
import { useAssist } from '../assist/use-assist.js';
import { WrapUpForm } from '../assist/wrap-up-form.js';
import { HelpButton } from '../assist/help-button.js';
import { AssignmentExplanation } from '../routing/assignment-explanation.js';
import { MessageWindowBanner } from './message-window-banner.js';
import { ContinueOnMenu } from './continue-on-menu.js';
import { HandoffSummary } from './handoff-summary.js';

interface Props {
  conversationId: string | null;
  /** Customers the list already fetched (names), by id. */
  customers: ReadonlyMap<string, CustomerName>;
  onRead: (conversationId: string) => void;
  onConversationChanged: (conversation: Conversation) => void;
}

/** The center pane (messages, composer, actions) and the customer panel on the right. */
export function ConversationView({ conversationId, customers, onRead, onConversationChanged }: Props) {
  const { t } = useI18n();
  const { channels, me } = useSession();
  const thread = useConversationThread(conversationId, onRead);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The wrap-up form opens for the conversation the agent has just resolved.
  const [wrapUpFor, setWrapUpFor] = useState<string | null>(null);
  const logRef = useRef<HTMLOListElement>(null);
  const { conversation, messages } = thread;
  const assist = useAssist(conversationId, messages);

  // Keep the newest message in view.
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages.length, thread.customerTyping]);

  if (!conversationId) {
    return (
      <>
        <main id="conversation" className="conversation conversation--empty" tabIndex={-1}>
          <p className="empty">{t('conversation.none')}</p>
        </main>
        <aside className="customer-panel" aria-label={t('panel.customer')} />
      </>
    );
  }

  const customer = conversation ? customers.get(conversation.customerId) : undefined;
  const name = conversation ? customerLabel(customer?.displayName, conversation.customerId, t) : '…';
  const resolved = conversation?.status === 'resolved' || conversation?.status === 'closed';
  const changeStatus = async () => {
    setBusy(true);
    setActionError(null);
    try {
      const changed = await thread.setStatus(resolved ? 'open' : 'resolved');
      onConversationChanged(changed);
      setWrapUpFor(changed.status === 'resolved' ? changed.id : null);
    } catch (e) {
      setActionError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const channel = conversation ? channels.get(conversation.channelId) : undefined;

  return (
    <>
      <main
        id="conversation"
        className="conversation"
        tabIndex={-1}
        aria-labelledby="conversation-title"
        data-testid="conversation"
        data-conversation-id={conversationId}
      >
        <div className="conversation__head">
          <div className="conversation__title-block">
            <h1 id="conversation-title" className="conversation__title" data-testid="conversation-title">
              {name}
            </h1>
            <span className="conversation__sub">
              {channel && <span className="chip chip--channel">{channel.name}</span>}
              {conversation && (
                <span className={`chip chip--status chip--${conversation.status}`} data-testid="conversation-status" data-status={conversation.status}>
                  {t(`status.${conversation.status}`)}
                </span>
              )}
            </span>
            <AssignmentExplanation conversationId={conversationId} />
          </div>
          {conversation && (
            <button
              type="button"
              className={`button ${resolved ? 'button--secondary' : 'button--success'}`}
              onClick={changeStatus}
              disabled={busy}
              data-testid={resolved ? 'reopen-button' : 'resolve-button'}
            >
              {resolved ? t('conversation.reopen') : `✓ ${t('conversation.resolve')}`}
            </button>
          )}
          {conversation && !resolved && <ContinueOnMenu conversationId={conversation.id} />}
          {conversation && !resolved && conversation.handler.kind === 'agent' && conversation.handler.id === me.user.id && (
            <HelpButton conversationId={conversation.id} />
          )}
        </div>
        {/* A conversation the virtual agent handed over opens on what it understood. */}
        <HandoffSummary conversationId={conversationId} customerId={conversation?.customerId ?? null} />
        {(thread.error ?? actionError) && (
          <p className="banner banner--error" role="alert">
            {t('error.generic', { message: thread.error ?? actionError ?? '' })}
          </p>
        )}
        <ol
          ref={logRef}
          className="message-log"
          role="log"
          aria-live="polite"
          aria-relevant="additions"
          aria-label={t('conversation.messages')}
          data-testid="message-log"
        >
          {!thread.loading && messages.length === 0 && <li className="empty">{t('conversation.noMessages')}</li>}
          {messages.flatMap((m) => {
            const mood = assist.moods.get(m.id);
            const item = <MessageItem key={m.id} message={m} customerName={name} />;
            return needsCue(mood) ? [item, <EmotionCue key={`cue-${m.id}`} mood={mood} />] : [item];
          })}
        </ol>
        <div className="typing-indicator" aria-live="polite" data-testid="typing-indicator">
          {thread.customerTyping ? t('conversation.typing', { name }) : ''}
        </div>
        <MessageWindowBanner conversation={conversation} />
        {wrapUpFor === conversationId && <WrapUpForm key={`wrapup-${conversationId}`} conversationId={conversationId} onDone={() => setWrapUpFor(null)} />}
        <AssistPanel assist={assist} />
        <Composer key={conversationId} onSend={thread.send} onTyping={thread.emitTyping} draft={assist.draft} />
      </main>
      <CustomerPanel customerId={conversation?.customerId ?? null} conversationId={conversationId} />
    </>
  );
}
