import type { Message } from '../api/types.js';
import { toBlockViews } from '../format/message-blocks.js';
import { fullTime } from '../format/time-format.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/messages.js';
import { useSession } from '../state/session-context.js';
import { MessageBlocks } from './message-blocks.js';
import { ReplyApproval } from './reply-approval.js';

const DELIVERY_ICON: Record<string, string> = { pending: '◷', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠' };

/** One message: customer on the left; agent, bot and notes on the right. */
export function MessageItem({ message, customerName }: { message: Message; customerName: string }) {
  const { t, locale } = useI18n();
  const { memberNames, me } = useSession();
  const { author, visibility } = message;
  const side = author.kind === 'customer' ? 'left' : author.kind === 'system' ? 'center' : 'right';
  const authorName =
    author.kind === 'customer'
      ? customerName
      : author.kind === 'agent'
        ? author.id === me.user.id
          ? me.user.name
          : ((author.id && memberNames.get(author.id)) ?? t('author.agent'))
        : t(`author.${author.kind}`);
  const status = message.deliveryStatus;
  const showStatus = author.kind !== 'customer' && visibility === 'public';
  const statusKey = `delivery.${status}` as MessageKey;
  return (
    <li
      className={`message message--${side} message--${author.kind} message--${visibility}`}
      data-testid="message-item"
      data-message-id={message.id}
      data-seq={message.seq}
      data-author-kind={author.kind}
      data-visibility={visibility}
    >
      <div className="message__meta">
        <span className="message__author">{authorName}</span>
        {visibility !== 'public' && <span className="chip chip--note">{visibility === 'note' ? t('message.note') : t('message.whisper')}</span>}
        <time className="message__time" dateTime={message.createdAt}>
          {fullTime(message.createdAt, locale)}
        </time>
      </div>
      <div className="message__bubble">
        <MessageBlocks views={toBlockViews(message.content, message.text)} />
      </div>
      {showStatus && (status === 'pending_approval' || status === 'rejected') && <ReplyApproval message={message} />}
      {showStatus && status !== 'pending_approval' && status !== 'rejected' && (
        <div
          className={`message__status message__status--${status}`}
          data-testid="delivery-status"
          data-status={status}
          title={message.deliveryError ?? undefined}
        >
          <span aria-hidden="true">{DELIVERY_ICON[status] ?? ''}</span> {status in DELIVERY_ICON ? t(statusKey) : status}
        </div>
      )}
    </li>
  );
}
