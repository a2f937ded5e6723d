import { ImapFlow } from 'imapflow';
import type { Clock } from '@parley/kernel';
import type { Channel, Store } from '@parley/domain';
import type { PgEmailMailboxRepository } from '@parley/storage-pg';
import { EMAIL_SECRETS, readEmailConfig, type EmailChannelConfig } from '@parley/channel-email';
import type { SecretSealer } from '@parley/use-cases';
import { ingestEmail, type EmailIngestContext } from './ingest-email.js';

export interface ImapPollerOptions {
  store: Store;
  mailboxes: PgEmailMailboxRepository;
  sealer: SecretSealer;
  clock: Clock;
  /** This process's name in the lease (host:pid). */
  owner: string;
  /** How often the list of IMAP channels is re-read (new or removed channels). */
  scanMs?: number;
}

export interface ImapPollers {
  /** Re-reads the channels now (after a channel was created) instead of at the next scan. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

const BATCH = 50;

/**
 * Polls the mailboxes of email channels in `imap` mode. Per mailbox: a lease row makes one
 * process poll it at a time (scale-out); new UIDs above the committed cursor are fetched, each
 * message is committed, then flagged \Seen and the cursor moved, so a crash in between only
 * re-reads a message that the Message-ID dedupe then drops (exactly once). IDLE wakes the
 * poller when the server has it; the channel's `pollSeconds` timer is the fallback.
 *
 * @example
 * const pollers = startImapPollers(ctx, { store, mailboxes, sealer, clock, owner: `${hostname()}:${process.pid}` });
 */
export function startImapPollers(ctx: EmailIngestContext, options: ImapPollerOptions): ImapPollers {
  const running = new Map<string, MailboxPoller>();
  let closed = false;

  async function refresh(): Promise<void> {
    if (closed) return;
    const channels = await options.store.read.channels.listForInboundByType('email', 1000);
    const wanted = new Set<string>();
    for (const channel of channels) {
      const config = readEmailConfig(channel.config);
      if (!channel.enabled || config?.inbound.mode !== 'imap' || !config.inbound.imap) continue;
      wanted.add(channel.id);
      if (!running.has(channel.id)) {
        const poller = new MailboxPoller(ctx, options, channel, config);
        running.set(channel.id, poller);
        poller.start();
      }
    }
    for (const [id, poller] of running) {
      if (!wanted.has(id)) {
        running.delete(id);
        await poller.stop();
      }
    }
  }

  const safeRefresh = () =>
    refresh().catch((err: unknown) => {
      ctx.logger.warn({ err }, 'listing IMAP email channels failed');
    });
  void safeRefresh();
  const timer = setInterval(() => void safeRefresh(), options.scanMs ?? 30_000);
  timer.unref();

  return {
    refresh: safeRefresh,
    async close() {
      closed = true;
      clearInterval(timer);
      await Promise.all([...running.values()].map((p) => p.stop()));
      running.clear();
    },
  };
}

/** One mailbox's loop: lease, connect, drain new mail, wait for IDLE news or the timer, again. */
class MailboxPoller {
  private stopped = false;
  private client: ImapFlow | null = null;
  private wake: (() => void) | null = null;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: EmailIngestContext,
    private readonly options: ImapPollerOptions,
    private readonly channel: Channel,
    private readonly config: EmailChannelConfig,
  ) {}

  private get imap() {
    return this.config.inbound.imap as NonNullable<EmailChannelConfig['inbound']['imap']>;
  }

  private get leaseMs(): number {
    return Math.max(60_000, this.imap.pollSeconds * 3_000);
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.client?.logout().catch(() => undefined);
    await this.loop;
    await this.options.mailboxes.releaseLease(this.channel.id, this.options.owner).catch(() => undefined);
  }

  private async run(): Promise<void> {
    let backoffMs = 2_000;
    while (!this.stopped) {
      try {
        if (!(await this.lease())) {
          await this.sleep(this.imap.pollSeconds * 1000);
          continue;
        }
        await this.session();
        backoffMs = 2_000;
      } catch (err) {
        if (this.stopped) break;
        this.ctx.logger.warn({ err, channelId: this.channel.id }, 'IMAP polling failed; retrying');
        await this.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 300_000);
      } finally {
        const client = this.client;
        this.client = null;
        if (client?.usable) await client.logout().catch(() => undefined);
      }
    }
  }

  private lease(): Promise<boolean> {
    return this.options.mailboxes.acquireLease(this.channel.workspaceId, this.channel.id, this.options.owner, this.options.clock.now(), this.leaseMs);
  }

  /** One connection: drain, then wait for news, until stopped, the lease is lost or the connection drops. */
  private async session(): Promise<void> {
    const secrets = this.options.sealer.open(await this.options.store.read.channels.getSecrets(this.channel.workspaceId, this.channel.id));
    const client = new ImapFlow({
      host: this.imap.host,
      port: this.imap.port,
      secure: this.imap.secure,
      auth: { user: this.imap.user, pass: secrets[EMAIL_SECRETS.imapPassword] ?? '' },
      logger: false,
      connectionTimeout: 20_000,
    });
    this.client = client;
    client.on('error', (err: unknown) => this.ctx.logger.warn({ err, channelId: this.channel.id }, 'IMAP connection error'));
    client.on('exists', () => this.wake?.());
    client.on('close', () => this.wake?.());
    await client.connect();
    const lock = await client.getMailboxLock(this.imap.mailbox);
    try {
      while (!this.stopped && client.usable) {
        if (!(await this.lease())) return;
        await this.drain(client);
        // With IDLE, imapflow idles between commands and 'exists' wakes us; the timer is the fallback.
        await this.sleep(this.imap.pollSeconds * 1000);
      }
    } finally {
      lock.release();
    }
  }

  private async drain(client: ImapFlow): Promise<void> {
    const mailbox = client.mailbox;
    if (!mailbox) return;
    const uidValidity = Number(mailbox.uidValidity);
    for (;;) {
      const cursor = await this.options.mailboxes.cursor(this.channel.workspaceId, this.channel.id);
      if (cursor.uidValidity !== uidValidity) {
        // First poll of this mailbox (or the server renumbered it): start at the oldest unread
        // message, not at the mailbox's whole history.
        const unseen = (await client.search({ seen: false }, { uid: true })) || [];
        const start = unseen.length > 0 ? unseen.reduce((a, b) => Math.min(a, b)) - 1 : Number(mailbox.uidNext) - 1;
        if (!(await this.advance(uidValidity, Math.max(0, start)))) return;
        continue;
      }
      const found = await client.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true });
      // "n:*" names the last message even below n: keep only the new ones.
      const uids = (found || [])
        .filter((u) => u > cursor.lastUid)
        .sort((a, b) => a - b)
        .slice(0, BATCH);
      if (uids.length === 0) return;
      for (const uid of uids) {
        if (this.stopped) return;
        const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (message && message.source) await ingestEmail(this.ctx, this.channel, message.source, 'return-path');
        // Committed: now it may be marked read and passed.
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        if (!(await this.advance(uidValidity, uid))) return;
      }
      if (uids.length < BATCH) return;
    }
  }

  private async advance(uidValidity: number, lastUid: number): Promise<boolean> {
    const ok = await this.options.mailboxes.advance(
      this.channel.workspaceId,
      this.channel.id,
      this.options.owner,
      { uidValidity, lastUid },
      this.options.clock.now(),
    );
    if (!ok) this.ctx.logger.warn({ channelId: this.channel.id }, 'IMAP lease lost to another process; stopping here');
    return ok;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
