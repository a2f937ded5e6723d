import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import type { ListFilter } from '../state/conversation-list.js';
import { loadPresence, loadPresenceReason, savePresence, savePresenceReason, type AgentPresence } from '../state/presence-storage.js';
import { QueuePanel } from '../routing/queue-panel.js';
import { customerLabel } from '../format/customer-label.js';
import { useSocketEvent } from '../realtime/use-agent-socket.js';
import { useSession } from '../state/session-context.js';
import { useConversationList } from '../state/use-conversation-list.js';
import { AppHeader } from './app-header.js';
import { ConversationList } from './conversation-list.js';
import { ConversationView } from './conversation-view.js';
import { KnowledgeAdmin } from '../knowledge/knowledge-admin.js';
import { SectionSwitch, type Section } from '../knowledge/section-switch.js';
import { SupervisionSwitch } from '../wallboard/supervision-switch.js';
import { Wallboard } from '../wallboard/wallboard.js';
import { BotsAdmin } from '../bots/bots-admin.js';
import { BotsSwitch } from '../bots/bots-switch.js';
import { ChannelsAdmin } from '../channels/channels-admin.js';
import { ChannelsSwitch } from '../channels/channels-switch.js';
import { AssistSettingsAdmin, AssistSettingsSwitch } from '../assist/assist-settings.js';

const isTypingTarget = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The three-pane workspace: list, conversation (with the customer panel), header. */
export function AgentWorkspace({ onLogout }: { onLogout: () => void }) {
  const { t } = useI18n();
  const { socket, live, me } = useSession();
  const [filter, setFilter] = useState<ListFilter>('open');
  const [activeId, setActiveId] = useState<string | null>(null);
  const [presence, setPresence] = useState<AgentPresence>(loadPresence);
  const [presenceReason, setPresenceReason] = useState<string | null>(loadPresenceReason);
  const list = useConversationList(filter, activeId);
  const [section, setSection] = useState<Section>('conversations');

  // Tell the server our presence whenever the socket (re)connects or the agent changes it.
  useEffect(() => {
    // The server stores it in routing too when the agent has a routing profile (one source of truth).
    if (socket && live) socket.emit('presence:set', { presence, reason: presence === 'online' ? null : presenceReason }, () => undefined);
  }, [socket, live, presence, presenceReason]);
  const changePresence = useCallback((p: AgentPresence, reason: string | null = null) => {
    savePresence(p);
    savePresenceReason(reason);
    setPresence(p);
    setPresenceReason(reason);
  }, []);
  // Routing may change it (auto-away, a supervisor): follow it.
  useSocketEvent(socket, 'presence', (e) => {
    if (e.userId !== me.user.id || e.presence === 'offline') return;
    if (e.presence !== presence) changePresence(e.presence, e.reason ?? null);
  });
  const labelOf = useCallback(
    (conversationId: string) => {
      const item = list.items.find((i) => i.conversation.id === conversationId);
      if (!item) return null;
      return customerLabel(list.customers.get(item.conversation.customerId)?.displayName, item.conversation.customerId, t);
    },
    [list.items, list.customers, t],
  );

  // j / k (or Alt+↓ / Alt+↑) move in the list from anywhere but a text field.
  const move = useCallback(
    (delta: number) => {
      const ids = list.items.map((i) => i.conversation.id);
      if (ids.length === 0) return;
      const index = activeId ? ids.indexOf(activeId) : -1;
      const next = ids[Math.max(0, Math.min(ids.length - 1, index + delta))];
      if (next) {
        setActiveId(next);
        document.querySelector<HTMLElement>(`[data-conversation-id="${next}"]`)?.focus();
      }
    },
    [list.items, activeId],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey) return;
      if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        move(e.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if (e.altKey || isTypingTarget(e.target)) return;
      if (e.key === 'j') move(1);
      else if (e.key === 'k') move(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move]);

  const [supervising, setSupervising] = useState(false);
  const [botsOpen, setBotsOpen] = useState(false);
  const [channelsOpen, setChannelsOpen] = useState(false);
  const [assistSettingsOpen, setAssistSettingsOpen] = useState(false);
  const sectionSwitch = (
    <>
      {!supervising && !botsOpen && !channelsOpen && !assistSettingsOpen && <SectionSwitch section={section} onSection={setSection} />}
      {!supervising && section === 'conversations' && !channelsOpen && !assistSettingsOpen && <BotsSwitch active={botsOpen} onActive={setBotsOpen} />}
      {!supervising && section === 'conversations' && !botsOpen && !assistSettingsOpen && <ChannelsSwitch active={channelsOpen} onActive={setChannelsOpen} />}
      {!supervising && section === 'conversations' && !botsOpen && !channelsOpen && (
        <AssistSettingsSwitch active={assistSettingsOpen} onActive={setAssistSettingsOpen} />
      )}
      <SupervisionSwitch active={supervising} onActive={setSupervising} />
    </>
  );
  if (supervising)
    return (
      <div className="wallboard-layout">
        <AppHeader presence={presence} presenceReason={presenceReason} onPresence={changePresence} onLogout={onLogout} sectionSwitch={sectionSwitch} />
        <Wallboard />
      </div>
    );
  if (channelsOpen)
    return (
      <div className="channels-layout">
        <AppHeader presence={presence} presenceReason={presenceReason} onPresence={changePresence} onLogout={onLogout} sectionSwitch={sectionSwitch} />
        <ChannelsAdmin />
      </div>
    );
  if (assistSettingsOpen)
    return (
      <div className="channels-layout">
        <AppHeader presence={presence} presenceReason={presenceReason} onPresence={changePresence} onLogout={onLogout} sectionSwitch={sectionSwitch} />
        <AssistSettingsAdmin />
      </div>
    );
  if (botsOpen)
    return (
      <div className="bots-layout">
        <AppHeader presence={presence} presenceReason={presenceReason} onPresence={changePresence} onLogout={onLogout} sectionSwitch={sectionSwitch} />
        <BotsAdmin />
      </div>
    );
  if (section === 'knowledge')
    return (
      <div className="kb-layout">
        <AppHeader presence={presence} presenceReason={presenceReason} onPresence={changePresence} onLogout={onLogout} sectionSwitch={sectionSwitch} />
        <KnowledgeAdmin />
      </div>
    );
  return (
    <div className="workspace">
      <a className="skip-link" href="#conversation">
        {t('conversation.messages')}
      </a>
      <AppHeader presence={presence} presenceReason={presenceReason} onPresence={changePresence} onLogout={onLogout} sectionSwitch={sectionSwitch} />
      <div className="list-column">
        <QueuePanel onOpen={setActiveId} labelOf={labelOf} />
        <ConversationList list={list} filter={filter} onFilter={setFilter} activeId={activeId} onSelect={setActiveId} onMove={move} />
      </div>
      <ConversationView
        key={activeId ?? 'none'}
        conversationId={activeId}
        customers={list.customers}
        onRead={list.markConversationRead}
        onConversationChanged={list.upsert}
      />
    </div>
  );
}
