import type { KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import type { ListFilter } from '../state/conversation-list.js';
import type { ConversationListModel } from '../state/use-conversation-list.js';
import { ConversationListItem } from './conversation-list-item.js';

const FILTERS: ListFilter[] = ['open', 'pending', 'resolved', 'all'];

interface Props {
  list: ConversationListModel;
  filter: ListFilter;
  onFilter: (filter: ListFilter) => void;
  activeId: string | null;
  onSelect: (id: string) => void;
  onMove: (delta: number) => void;
}

export function ConversationList({ list, filter, onFilter, activeId, onSelect, onMove }: Props) {
  const { t } = useI18n();
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      onMove(e.key === 'ArrowDown' ? 1 : -1);
    }
  };
  return (
    <nav className="conversation-list" aria-labelledby="list-title">
      <div className="conversation-list__head">
        <h2 id="list-title" className="pane-title">
          {t('list.title')}
        </h2>
        <div className="filters" role="group" aria-label={t('filter.label')}>
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              className={`filters__button ${f === filter ? 'is-active' : ''}`}
              aria-pressed={f === filter}
              onClick={() => onFilter(f)}
              data-testid={`filter-${f}`}
            >
              {t(`filter.${f}`)}
            </button>
          ))}
        </div>
      </div>
      {list.error && (
        <p className="banner banner--error" role="alert">
          {t('error.generic', { message: list.error })}
        </p>
      )}
      {list.loading && list.items.length === 0 ? (
        <p className="empty">{t('list.loading')}</p>
      ) : list.items.length === 0 ? (
        <p className="empty" data-testid="conversation-list-empty">
          {t('list.empty')}
        </p>
      ) : (
        <ul className="conversation-list__items" data-testid="conversation-list" onKeyDown={onKeyDown}>
          {list.items.map((item) => (
            <ConversationListItem
              key={item.conversation.id}
              item={item}
              customer={list.customers.get(item.conversation.customerId) ?? null}
              active={item.conversation.id === activeId}
              onSelect={onSelect}
            />
          ))}
        </ul>
      )}
    </nav>
  );
}
