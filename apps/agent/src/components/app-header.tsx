import { useI18n } from '../i18n/i18n-context.js';
import type { AgentPresence } from '../state/presence-storage.js';
import { useSession } from '../state/session-context.js';
import { LanguageSwitch } from './language-switch.js';
import { PresenceSwitch } from '../routing/presence-switch.js';

interface Props {
  presence: AgentPresence;
  /** The "not ready" reason of busy/away. */
  presenceReason?: string | null;
  onPresence: (presence: AgentPresence, reason?: string | null) => void;
  onLogout: () => void;
  /** Optional section switch (conversations / knowledge base). */
  sectionSwitch?: React.ReactNode;
}

/** Workspace name, live status, the agent, presence, language, logout. */
export function AppHeader({ presence, presenceReason = null, onPresence, onLogout, sectionSwitch }: Props) {
  const { t } = useI18n();
  const { me, workspace, live } = useSession();
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__logo" aria-hidden="true">
          P
        </span>
        <span className="app-header__workspace" data-testid="workspace-name" title={t('header.workspace')}>
          {workspace?.name ?? '…'}
        </span>
        <span
          className={`live-dot ${live ? 'live-dot--on' : ''}`}
          data-testid="live-indicator"
          data-live={live ? 'true' : 'false'}
          title={live ? t('header.live') : t('header.polling')}
        >
          <span className="visually-hidden">{live ? t('header.live') : t('header.polling')}</span>
        </span>
      </div>
      <div className="app-header__tools">
        {sectionSwitch}
        <PresenceSwitch presence={presence} reason={presenceReason} onChange={onPresence} />
        <LanguageSwitch />
        <span className="app-header__user" data-testid="agent-name">
          {me.user.name}
        </span>
        <button type="button" className="button button--ghost" onClick={onLogout} data-testid="logout">
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
