import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Clock, ParleyConfig } from '@parley/kernel';
import type { Store } from '@parley/domain';
import { PgEmailMailboxRepository, type DatabaseHandle } from '@parley/storage-pg';
import type { InboundIngestor, SecretSealer, UseCaseDeps } from '@parley/use-cases';
import { startSmtpListener, type SmtpListener } from './smtp-listener.js';
import { startImapPollers, type ImapPollers } from './imap-poller.js';

/** The email channel's long-running parts in this process. */
export interface EmailRuntime {
  /** The SMTP listener's port, null when `PARLEY_SMTP_PORT` is unset. */
  smtpPort: number | null;
  /** Picks up IMAP channels created since the last scan (it runs every 30 s anyway). */
  refreshImap(): Promise<void>;
  close(): Promise<void>;
}

export interface EmailComposeDeps {
  config: ParleyConfig;
  store: Store;
  database: DatabaseHandle;
  useCases: UseCaseDeps;
  ingestor: InboundIngestor;
  sealer: SecretSealer;
  clock: Clock;
  logger: Logger;
}

/**
 * Starts the SMTP listener when `PARLEY_SMTP_PORT` is set (whether or not an `smtp` channel
 * exists yet, so a channel created later needs no restart: unknown recipients get 550), and the
 * IMAP pollers in processes that run workers.
 *
 * @example
 * const email = await composeEmail({ config, store, database, useCases, ingestor, sealer, clock, logger });
 */
export async function composeEmail(deps: EmailComposeDeps): Promise<EmailRuntime> {
  const ctx = { useCases: deps.useCases, ingestor: deps.ingestor, attachmentMaxBytes: deps.config.attachmentMaxBytes, logger: deps.logger };
  let smtp: SmtpListener | null = null;
  if (deps.config.smtpPort !== undefined) {
    const { smtpTlsKeyFile: keyFile, smtpTlsCertFile: certFile } = deps.config;
    smtp = await startSmtpListener(ctx, deps.store, {
      host: deps.config.smtpHost,
      port: deps.config.smtpPort,
      maxBytes: deps.config.smtpMaxBytes,
      tls: keyFile && certFile ? { keyFile, certFile } : undefined,
    });
    deps.logger.info({ host: deps.config.smtpHost, port: smtp.port, starttls: Boolean(keyFile && certFile) }, 'SMTP listener for email channels started');
  }
  const imap: ImapPollers | null = deps.config.workers
    ? startImapPollers(ctx, {
        store: deps.store,
        mailboxes: new PgEmailMailboxRepository(deps.database.db),
        sealer: deps.sealer,
        clock: deps.clock,
        owner: `${hostname()}:${process.pid}`,
      })
    : null;
  return {
    smtpPort: smtp?.port ?? null,
    refreshImap: () => imap?.refresh() ?? Promise.resolve(),
    async close() {
      await imap?.close();
      await smtp?.close();
    },
  };
}
