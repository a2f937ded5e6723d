import type { CustomerName } from '../api/types.js';
import { customerLabel } from '../format/customer-label.js';
import { fullTime, shortTime } from '../format/time-format.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { ListItem } from '../state/conversation-list.js';
import { useSession } from '../state/session-context.js';

interface Props {
  item: ListItem;
  customer: CustomerName | null;
  active: boolean;
  onSelect: (id: string) => void;
}

export function ConversationListItem({ item, customer, active, onSelect }: Props) {
  const { t, locale } = useI18n();
  const { channels } = useSession();
  const { conversation, preview, unread } = item;
  const name = customerLabel(customer?.displayName, conversation.customerId, t);
  const channel = channels.get(conversation.channelId);
  const at = preview?.at ?? conversation.lastMessageAt ?? conversation.updatedAt;
  return (
    <li>
      <button
        type="button"
        className={`conversation-item ${active ? 'is-active' : ''} ${unread > 0 ? 'has-unread' : ''}`}
        aria-current={active ? 'true' : undefined}
        onClick={() => onSelect(conversation.id)}
        data-testid="conversation-item"
        data-conversation-id={conversation.id}
        data-status={conversation.status}
      >
        <span className="conversation-item__top">
          <span className="conversation-item__name" data-testid="conversation-item-name">
            {name}
          </span>
          <time className="conversation-item__time" dateTime={at} title={fullTime(at, locale)}>
            {shortTime(at, locale)}
          </time>
        </span>
        <span className="conversation-item__bottom">
          <span className="conversation-item__preview" data-testid="conversation-item-preview">
            {preview ? `${preview.visibility !== 'public' ? '📝 ' : preview.authorKind === 'agent' ? `${t('author.you')}: ` : ''}${preview.text}` : '…'}
          </span>
          {unread > 0 && (
            <span className="badge" data-testid="unread-badge" aria-label={t('list.unread', { count: unread })}>
              {unread}
            </span>
          )}
        </span>
        <span className="conversation-item__meta">
          {channel && <span className="chip chip--channel">{channel.type}</span>}
          {conversation.status !== 'open' && <span className={`chip chip--status chip--${conversation.status}`}>{t(`status.${conversation.status}`)}</span>}
        </span>
      </button>
    </li>
  );
}
