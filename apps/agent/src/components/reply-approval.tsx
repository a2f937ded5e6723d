import { useState } from 'react';
import type { Message } from '../api/types.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../state/session-context.js';

// Kept beside the component (FR first): moderation is the only place that uses these words.
const TEXT = {
  fr: {
    pending: 'En attente d’approbation',
    rejected: 'Refusée',
    approve: 'Approuver',
    reject: 'Refuser',
    note: 'Motif du refus',
    failed: 'La décision n’a pas pu être enregistrée',
  },
  en: {
    pending: 'Awaiting approval',
    rejected: 'Rejected',
    approve: 'Approve',
    reject: 'Reject',
    note: 'Reason for rejecting',
    failed: 'The decision could not be saved',
  },
} as const;

/**
 * A public reply held for a supervisor (moderated channels such as public reviews): the
 * "awaiting approval" badge for everyone, and Approve / Reject (with a note) for users with
 * `supervise`. The live `message.delivery_updated` event then moves the message on.
 *
 * @example
 * {message.deliveryStatus === 'pending_approval' && <ReplyApproval message={message} />}
 */
export function ReplyApproval({ message }: { message: Message }) {
  const { locale } = useI18n();
  const { api, me } = useSession();
  const text = TEXT[locale === 'en' ? 'en' : 'fr'];
  const [status, setStatus] = useState(message.deliveryStatus);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  const canDecide = me.permissions.includes('supervise') && status === 'pending_approval';

  const decide = async (run: () => Promise<{ deliveryStatus: string }>) => {
    setBusy(true);
    setError(false);
    try {
      setStatus((await run()).deliveryStatus);
      setRejecting(false);
    } catch {
      setError(true);
    } finally {
      setBusy(false);
    }
  };

  if (status !== 'pending_approval' && status !== 'rejected') return null;
  return (
    <div className="message__approval" data-testid="reply-approval" data-status={status}>
      <span className={`chip chip--${status === 'rejected' ? 'closed' : 'pending'}`} data-testid="approval-badge" title={message.deliveryError ?? undefined}>
        {status === 'rejected' ? text.rejected : text.pending}
      </span>
      {canDecide && !rejecting && (
        <>
          <button
            type="button"
            className="button button--success"
            data-testid="approve-reply"
            disabled={busy}
            onClick={() => void decide(() => api.approveReply(message.id))}
          >
            {text.approve}
          </button>
          <button type="button" className="button button--secondary" data-testid="reject-reply" disabled={busy} onClick={() => setRejecting(true)}>
            {text.reject}
          </button>
        </>
      )}
      {canDecide && rejecting && (
        <form
          className="message__approval-form"
          onSubmit={(event) => {
            event.preventDefault();
            void decide(() => api.rejectReply(message.id, note));
          }}
        >
          <input
            data-testid="reject-note"
            aria-label={text.note}
            placeholder={text.note}
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" className="button button--secondary" data-testid="confirm-reject" disabled={busy}>
            {text.reject}
          </button>
        </form>
      )}
      {error && (
        <span role="alert" data-testid="approval-error">
          {text.failed}
        </span>
      )}
    </div>
  );
}
