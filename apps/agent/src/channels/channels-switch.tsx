import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../state/session-context.js';
import { channelsText } from './channels-text.js';

/** Header button to the channels admin (and back), for users who manage channels. */
export function ChannelsSwitch({ active, onActive }: { active: boolean; onActive: (active: boolean) => void }) {
  const { locale } = useI18n();
  const { me } = useSession();
  if (!me.permissions.includes('channels:manage')) return null;
  const text = channelsText(locale);
  return active ? (
    <button type="button" className="button button--ghost" onClick={() => onActive(false)} data-testid="nav-channels-back">
      {text.back}
    </button>
  ) : (
    <button type="button" className="button button--ghost" onClick={() => onActive(true)} data-testid="nav-channels">
      🔌 {text.title}
    </button>
  );
}
