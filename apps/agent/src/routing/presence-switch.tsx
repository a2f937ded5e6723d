import { useI18n } from '../i18n/i18n-context.js';
import { NOT_READY_REASONS, routingText } from './routing-text.js';

export type SwitchPresence = 'online' | 'busy' | 'away';

interface Props {
  presence: SwitchPresence;
  reason: string | null;
  onChange: (presence: SwitchPresence, reason: string | null) => void;
}

/**
 * Online / Busy / Away with a "not ready" reason for busy and away. The choice goes to the
 * server over the socket (`presence:set`), which stores it in routing when the agent has a
 * routing profile: the same presence drives routing and the web chat's availability.
 */
export function PresenceSwitch({ presence, reason, onChange }: Props) {
  const { t, locale } = useI18n();
  const text = routingText(locale);
  const label = (p: SwitchPresence) => (p === 'busy' ? text.presenceBusy : t(`presence.${p}`));
  return (
    <div className="presence-group">
      <fieldset className="presence" data-testid="presence-switch" data-presence={presence}>
        <legend className="visually-hidden">{t('header.presence')}</legend>
        {(['online', 'busy', 'away'] as const).map((p) => (
          <label key={p} className={`presence__option presence__option--${p} ${presence === p ? 'is-selected' : ''}`}>
            <input
              type="radio"
              name="presence"
              value={p}
              checked={presence === p}
              onChange={() => onChange(p, p === 'online' ? null : reason)}
              data-testid={`presence-${p}`}
            />
            <span className="presence__dot" aria-hidden="true" />
            {label(p)}
          </label>
        ))}
      </fieldset>
      {presence !== 'online' && (
        <select
          className="select presence-reason"
          aria-label={text.notReady}
          value={reason ?? ''}
          onChange={(e) => onChange(presence, e.target.value || null)}
          data-testid="presence-reason"
        >
          <option value="">{text.noReason}</option>
          {/* A reason the server set (auto-away) is shown, not offered. */}
          {reason && !(NOT_READY_REASONS as readonly string[]).includes(reason) && <option value={reason}>{text.reasons[reason] ?? reason}</option>}
          {NOT_READY_REASONS.map((r) => (
            <option key={r} value={r}>
              {text.reasons[r]}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
