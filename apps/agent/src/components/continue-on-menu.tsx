import { useState } from 'react';
import type { ReachableChannel } from '../api/merges-api.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../state/session-context.js';

/**
 * "Continue on…": the agent moves the conversation to another channel the customer has (web chat
 * → SMS, WhatsApp or email). Lists the channels with the address each would use (or why not);
 * for SMS, WhatsApp and email a phone number or email collected in the conversation can be typed.
 * Loaded when opened, so the list reflects the latest consent and messaging windows.
 */
export function ContinueOnMenu({ conversationId, onSwitched }: { conversationId: string; onSwitched?: () => void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [options, setOptions] = useState<ReachableChannel[]>([]);
  const [channelId, setChannelId] = useState('');
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = options.find((o) => o.channelId === channelId);

  const open = async () => {
    try {
      const items = (await api.reachableChannels(conversationId)).filter((o) => !o.current);
      setOptions(items);
      setChannelId((current) => current || (items.find((o) => o.reachable) ?? items[0])?.channelId || '');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      await api.switchChannel(conversationId, chosen.channelId, address.trim() || undefined);
      setAddress('');
      onSwitched?.();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="continue-on" data-testid="continue-on" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && void open()}>
      <summary className="button button--secondary" data-testid="continue-on-toggle">
        {t('switch.menu')}
      </summary>
      <form onSubmit={(e) => void submit(e)} data-testid="continue-on-form">
        <select aria-label={t('switch.menu')} value={channelId} onChange={(e) => setChannelId(e.target.value)} data-testid="continue-on-channel">
          {options.map((o) => (
            <option
              key={o.channelId}
              value={o.channelId}
              data-testid="continue-on-option"
              data-channel-id={o.channelId}
              data-reachable={o.reachable ? 'true' : 'false'}
            >
              {o.name} ({o.type}){o.address ? ` → ${o.address}` : ''}
              {o.refusal ? ` — ${o.refusal.message}` : ''}
            </option>
          ))}
        </select>
        {chosen?.collect && (
          <input
            type={chosen.collect === 'email' ? 'email' : 'tel'}
            aria-label={t(chosen.collect === 'email' ? 'switch.collect.email' : 'switch.collect.phone')}
            placeholder={t(chosen.collect === 'email' ? 'switch.collect.email' : 'switch.collect.phone')}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            data-testid="continue-on-address"
          />
        )}
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || !chosen || (!chosen.reachable && !address.trim())}
          data-testid="continue-on-submit"
        >
          {t('switch.go')}
        </button>
        {error && (
          <p className="banner banner--error" role="alert" data-testid="continue-on-error">
            {t('error.generic', { message: error })}
          </p>
        )}
      </form>
    </details>
  );
}
