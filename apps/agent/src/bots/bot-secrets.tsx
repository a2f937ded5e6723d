import { useState } from 'react';
import { isSecretName } from './bot-edit.js';
import type { botsApi } from './bots-api.js';
import type { BotsText } from './bots-text.js';

/**
 * A bot's secrets, write-only: the names it has, a form to set one (the value field is cleared
 * once saved and never filled from the server) and a remove button per name.
 */
export function BotSecrets({
  botId,
  names,
  api,
  text,
  onChanged,
}: {
  botId: string;
  names: string[];
  api: ReturnType<typeof botsApi>;
  text: BotsText;
  onChanged: (names: string[]) => void;
}) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const apply = async (changes: Record<string, string | null>, done: string | null) => {
    try {
      const { names: next } = await api.setSecrets(botId, changes);
      onChanged(next);
      setMessage(done ? { error: false, text: done } : null);
    } catch (e) {
      setMessage({ error: true, text: e instanceof Error ? e.message : String(e) });
    }
  };

  const save = async () => {
    const trimmed = name.trim();
    if (!isSecretName(trimmed)) return setMessage({ error: true, text: text.secretInvalidName });
    if (!value) return;
    await apply({ [trimmed]: value }, text.secretSaved(trimmed));
    setName('');
    setValue('');
  };

  return (
    <details className="bot-secrets" data-testid="bot-secrets">
      <summary>
        {text.secrets} ({names.length})
      </summary>
      <p className="bot-secrets__help">{text.secretsHelp}</p>
      {names.length === 0 ? (
        <p className="empty">{text.noSecret}</p>
      ) : (
        <ul>
          {names.map((n) => (
            <li key={n} data-testid="bot-secret" data-name={n}>
              <code>{`{{secrets.${n}}}`}</code>{' '}
              <button type="button" className="button button--secondary" onClick={() => void apply({ [n]: null }, null)}>
                {text.secretRemove}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="bot-secrets__form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          {text.secretName}
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" spellCheck={false} data-testid="bot-secret-name" />
        </label>
        <label>
          {text.secretValue}
          <input type="password" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="new-password" data-testid="bot-secret-value" />
        </label>
        <button type="submit" className="button" disabled={!name || !value}>
          {text.secretSave}
        </button>
      </form>
      {message && (
        <p className={message.error ? 'banner banner--error' : 'banner'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </details>
  );
}
