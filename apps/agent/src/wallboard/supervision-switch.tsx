import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../state/session-context.js';
import { assistText } from '../assist/assist-text.js';

/** Header switch to the supervisor wallboard (users with the `supervise` permission only). */
export function SupervisionSwitch({ active, onActive }: { active: boolean; onActive: (active: boolean) => void }) {
  const { locale } = useI18n();
  const { me } = useSession();
  if (!me.permissions.includes('supervise')) return null;
  const text = assistText(locale);
  return (
    <button type="button" className="button button--ghost" onClick={() => onActive(!active)} aria-pressed={active} data-testid="nav-supervision">
      {active ? text.back : text.supervision}
    </button>
  );
}
