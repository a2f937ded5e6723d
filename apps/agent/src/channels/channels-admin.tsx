import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { createApiClient, csrfFromCookie } from '../api/api-client.js';
import { ApiError } from '../api/api-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import {
  buildConfig,
  CHANNEL_FIELDS,
  CHANNEL_TYPES,
  initialValues,
  isVisible,
  webchatSnippet,
  webhookUrlOf,
  type ChannelType,
  type FieldSpec,
  type FormValues,
} from './channel-forms.js';
import { channelsApi, detailLines, type ChannelSummary, type CreatedChannel } from './channels-api.js';
import { channelsText, type ChannelsText } from './channels-text.js';
import './channels.css';

interface Problem {
  message: string;
  details: string[];
}

const problemOf = (e: unknown): Problem =>
  e instanceof ApiError ? { message: e.message, details: detailLines(e.details) } : { message: e instanceof Error ? e.message : String(e), details: [] };

/**
 * The channels admin: every channel (name, type, id, bot, creation date) with a bot picker, and a
 * creation form with the fields of each type. Secrets are typed in password inputs, posted once
 * and never shown again; the returned signing secret and the provider's webhook URL are shown
 * right after creation only.
 */
export function ChannelsAdmin() {
  const { locale } = useI18n();
  const text = channelsText(locale);
  const api = useMemo(() => channelsApi(createApiClient({ getCsrfToken: () => csrfFromCookie(document.cookie) })), []);
  const [channels, setChannels] = useState<ChannelSummary[] | null>(null);
  const [bots, setBots] = useState<Array<{ id: string; name: string }>>([]);
  const [error, setError] = useState<Problem | null>(null);
  const [created, setCreated] = useState<CreatedChannel | null>(null);

  const reload = useCallback(async () => {
    try {
      setChannels((await api.list()).items);
    } catch (e) {
      setError(problemOf(e));
    }
  }, [api]);

  useEffect(() => {
    void reload();
    api.bots().then(
      ({ items }) => setBots(items.map((b) => ({ id: b.id, name: b.name }))),
      () => setBots([]),
    );
  }, [api, reload]);

  const changeBot = async (channel: ChannelSummary, botId: string | null) => {
    try {
      await api.attachBot(channel.id, botId);
      setChannels((list) => list?.map((c) => (c.id === channel.id ? { ...c, botId } : c)) ?? list);
      setError(null);
    } catch (e) {
      const p = problemOf(e);
      setError({ ...p, message: `${text.attachFailed} : ${p.message}` });
    }
  };

  const dateFormat = useMemo(() => new Intl.DateTimeFormat(locale.startsWith('en') ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeStyle: 'short' }), [locale]);

  return (
    <main className="channels-admin" data-testid="channels-admin">
      <h1>{text.title}</h1>
      {error && <ProblemBanner problem={error} testId="channels-error" />}
      {created && <CreatedPanel channel={created} text={text} locale={locale} onDismiss={() => setCreated(null)} />}
      <section aria-label={text.title}>
        {channels === null && !error && <p className="empty">{text.loading}</p>}
        {channels?.length === 0 && <p className="empty">{text.empty}</p>}
        {channels && channels.length > 0 && (
          <table className="channels-table" data-testid="channels-table">
            <thead>
              <tr>
                <th scope="col">{text.name}</th>
                <th scope="col">{text.type}</th>
                <th scope="col">{text.id}</th>
                <th scope="col">{text.bot}</th>
                <th scope="col">{text.created}</th>
              </tr>
            </thead>
            <tbody>
              {channels.map((c) => (
                <tr key={c.id} data-testid="channel-row" data-channel-id={c.id} data-channel-type={c.type} data-channel-name={c.name}>
                  <td>
                    {c.name}
                    {!c.enabled && <span className="chip"> {text.disabled}</span>}
                  </td>
                  <td>
                    <span className="chip chip--channel">{text.types[c.type] ?? c.type}</span>
                  </td>
                  <td>
                    <code className="channels-id">{c.id}</code>
                  </td>
                  <td>
                    <select
                      className="input"
                      aria-label={`${text.bot} — ${c.name}`}
                      value={c.botId ?? ''}
                      onChange={(e) => void changeBot(c, e.target.value || null)}
                      data-testid="channel-bot"
                    >
                      <option value="">{text.noBot}</option>
                      {bots.map((b) => (
                        <option key={b.id} value={b.id}>
                          {b.name}
                        </option>
                      ))}
                      {c.botId && !bots.some((b) => b.id === c.botId) && <option value={c.botId}>{c.botId}</option>}
                    </select>
                  </td>
                  <td>
                    <time dateTime={c.createdAt}>{dateFormat.format(new Date(c.createdAt))}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <CreateForm
        text={text}
        locale={locale}
        bots={bots}
        onCreate={async (body) => {
          const channel = await api.create(body);
          setCreated(channel);
          setError(null);
          await reload();
        }}
      />
    </main>
  );
}

function ProblemBanner({ problem, testId }: { problem: Problem; testId: string }) {
  return (
    <div className="banner banner--error" role="alert" data-testid={testId}>
      <p className="channels-problem">{problem.message}</p>
      {problem.details.length > 0 && (
        <ul className="channels-problem-details">
          {problem.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CopyButton({ value, text, testId }: { value: string; text: ChannelsText; testId: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2_000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <button type="button" className="button button--secondary" onClick={() => void copy()} data-testid={testId}>
      {copied ? text.copied : text.copy}
    </button>
  );
}

function CreatedPanel({ channel, text, locale, onDismiss }: { channel: CreatedChannel; text: ChannelsText; locale: string; onDismiss: () => void }) {
  const origin = window.location.origin;
  const webhookUrl = webhookUrlOf(origin, channel.type, channel.id);
  const snippet =
    channel.type === 'webchat'
      ? webchatSnippet(origin, channel.id, typeof channel.config.defaultLocale === 'string' ? channel.config.defaultLocale : locale)
      : null;
  const inboundUrl = channel.type === 'api' ? `${origin}/api/v1/channels/${channel.id}/inbound` : null;
  const select = (e: React.FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => e.currentTarget.select();
  return (
    <section className="channels-created" data-testid="channel-created" data-channel-id={channel.id} aria-live="polite">
      <h2>{text.createdTitle(channel.name)}</h2>
      {channel.secret && (
        <div className="channels-created__item">
          <label htmlFor="channel-secret">{text.secret}</label>
          <div className="channels-created__value">
            <input id="channel-secret" className="input" readOnly value={channel.secret} onFocus={select} data-testid="channel-secret" />
            <CopyButton value={channel.secret} text={text} testId="channel-secret-copy" />
          </div>
          <p className="channels-help">{text.secretHelp}</p>
        </div>
      )}
      {webhookUrl && (
        <div className="channels-created__item">
          <label htmlFor="channel-webhook-url">{text.webhookUrl}</label>
          <div className="channels-created__value">
            <input id="channel-webhook-url" className="input" readOnly value={webhookUrl} onFocus={select} data-testid="channel-webhook-url" />
            <CopyButton value={webhookUrl} text={text} testId="channel-webhook-url-copy" />
          </div>
        </div>
      )}
      {inboundUrl && (
        <div className="channels-created__item">
          <label htmlFor="channel-inbound-url">{text.inboundUrl}</label>
          <div className="channels-created__value">
            <input id="channel-inbound-url" className="input" readOnly value={inboundUrl} onFocus={select} data-testid="channel-inbound-url" />
            <CopyButton value={inboundUrl} text={text} testId="channel-inbound-url-copy" />
          </div>
        </div>
      )}
      {snippet && (
        <div className="channels-created__item">
          <label htmlFor="channel-webchat-snippet">{text.snippet}</label>
          <div className="channels-created__value">
            <textarea id="channel-webchat-snippet" className="input" readOnly rows={3} value={snippet} onFocus={select} data-testid="channel-webchat-snippet" />
            <CopyButton value={snippet} text={text} testId="channel-webchat-snippet-copy" />
          </div>
        </div>
      )}
      <button type="button" className="button button--primary" onClick={onDismiss} data-testid="channel-created-dismiss">
        {text.dismiss}
      </button>
    </section>
  );
}

function CreateForm({
  text,
  locale,
  bots,
  onCreate,
}: {
  text: ChannelsText;
  locale: string;
  bots: Array<{ id: string; name: string }>;
  onCreate: (body: { type: string; name: string; config: Record<string, unknown>; botId?: string | null }) => Promise<void>;
}) {
  const idPrefix = useId();
  const lang = locale.startsWith('en') ? 'en' : 'fr';
  const [type, setType] = useState<ChannelType>('api');
  const [name, setName] = useState('');
  const [botId, setBotId] = useState('');
  const [values, setValues] = useState<FormValues>(() => initialValues('api'));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const changeType = (next: ChannelType) => {
    setType(next);
    setValues(initialValues(next));
    setProblem(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await onCreate({ type, name: name.trim(), config: buildConfig(type, values), ...(botId ? { botId } : {}) });
      // Nothing typed stays in memory: secrets are gone from the page once posted.
      setName('');
      setBotId('');
      setValues(initialValues(type));
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };

  const input = (field: FieldSpec) => {
    const id = `${idPrefix}-${field.key}`;
    const common = { id, name: field.key, 'data-testid': `channel-field-${field.key}`, required: field.required ?? false };
    const value = values[field.key];
    const set = (v: string | boolean) => setValues((old) => ({ ...old, [field.key]: v }));
    const label = (
      <label htmlFor={id}>
        {field.label[lang]}
        {field.required && <span className="channels-required"> ({text.required})</span>}
      </label>
    );
    if (field.kind === 'checkbox')
      return (
        <div key={field.key} className="channels-field channels-field--check">
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} />
          {label}
        </div>
      );
    return (
      <div key={field.key} className="channels-field">
        {label}
        {field.kind === 'select' ? (
          <select {...common} className="input" value={String(value)} onChange={(e) => set(e.target.value)}>
            {field.options?.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        ) : field.kind === 'pem' ? (
          <textarea
            {...common}
            className="input"
            rows={4}
            spellCheck={false}
            autoComplete="off"
            placeholder={field.placeholder}
            value={String(value ?? '')}
            onChange={(e) => set(e.target.value)}
          />
        ) : (
          <input
            {...common}
            className="input"
            type={field.kind === 'url' ? 'url' : field.kind}
            autoComplete={field.kind === 'password' ? 'new-password' : 'off'}
            placeholder={field.placeholder}
            value={String(value ?? '')}
            onChange={(e) => set(e.target.value)}
          />
        )}
      </div>
    );
  };

  return (
    <form className="channels-form" onSubmit={(e) => void submit(e)} data-testid="channel-create-form">
      <h2>{text.createTitle}</h2>
      <div className="channels-field">
        <label htmlFor={`${idPrefix}-type`}>{text.type}</label>
        <select
          id={`${idPrefix}-type`}
          className="input"
          value={type}
          onChange={(e) => changeType(e.target.value as ChannelType)}
          data-testid="channel-create-type"
        >
          {CHANNEL_TYPES.map((t) => (
            <option key={t} value={t}>
              {text.types[t] ?? t}
            </option>
          ))}
        </select>
      </div>
      <div className="channels-field">
        <label htmlFor={`${idPrefix}-name`}>
          {text.name}
          <span className="channels-required"> ({text.required})</span>
        </label>
        <input
          id={`${idPrefix}-name`}
          className="input"
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="channel-create-name"
        />
      </div>
      {CHANNEL_FIELDS[type].filter((f) => isVisible(f, values)).map(input)}
      <div className="channels-field">
        <label htmlFor={`${idPrefix}-bot`}>{text.bot}</label>
        <select id={`${idPrefix}-bot`} className="input" value={botId} onChange={(e) => setBotId(e.target.value)} data-testid="channel-create-bot">
          <option value="">{text.noBot}</option>
          {bots.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </div>
      {problem && <ProblemBanner problem={problem} testId="channel-create-error" />}
      <button type="submit" className="button button--primary" disabled={busy} data-testid="channel-create-submit">
        {busy ? text.creating : text.create}
      </button>
    </form>
  );
}
