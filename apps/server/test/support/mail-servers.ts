import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';

export interface CapturedMail {
  raw: Buffer;
  parsed: ParsedMail;
  rcptTo: string[];
}

/**
 * A local SMTP server playing the email provider: it requires the channel's login, captures
 * what it accepts, and answers what the test scripts (451 twice, then 250; 550 for a recipient).
 */
export async function startProviderSmtp(
  answer: (rcptTo: string[], attempt: number) => number = () => 250,
): Promise<{ port: number; accepted: CapturedMail[]; attempts: number; close(): Promise<void> }> {
  const state = { port: 0, accepted: [] as CapturedMail[], attempts: 0, close: async () => undefined as void };
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'parley' && auth.password === 's3cret') return callback(null, { user: 'parley' });
      callback(new Error('bad login'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.attempts++;
        const rcptTo = session.envelope.rcptTo.map((r) => r.address);
        const code = answer(rcptTo, state.attempts);
        if (code !== 250)
          return callback(Object.assign(new Error(code === 451 ? '4.3.0 Try again later' : '5.1.1 Mailbox unavailable'), { responseCode: code }));
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then((parsed) => {
          state.accepted.push({ raw, parsed, rcptTo });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.server.address() as AddressInfo).port;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/**
 * Delivers a mail to Parley's SMTP listener as the brand's MX relays it: the MX's own
 * `Authentication-Results` (what Parley trusts, with the channel's authserv-id) prepended on top
 * of the mail, the envelope sender being the From address unless `envelope` says otherwise.
 * `authenticationResults: null` sends the mail as anyone reaching the listener could: no header.
 */
export async function deliverToListener(
  port: number,
  mail: Mail.Options,
  authenticationResults: string | null,
  envelope?: { from: string; to: string[] },
): Promise<void> {
  const built = await new MailComposer(mail).compile().build();
  const raw = authenticationResults === null ? built : Buffer.concat([Buffer.from(`Authentication-Results: ${authenticationResults}\r\n`), built]);
  const parsed = await simpleParser(built);
  const from = envelope?.from ?? parsed.from?.value[0]?.address ?? '';
  const to = envelope?.to ?? [parsed.to].flat().flatMap((group) => group?.value.map((a) => a.address ?? '') ?? []);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ envelope: { from, to }, raw });
  } finally {
    transport.close();
  }
}

/** What the brand's MX (authserv-id `authservId`) writes for a sender domain that passed DMARC and DKIM. */
export function mxPass(authservId: string, domain: string): string {
  return `${authservId}; dmarc=pass header.from=${domain}; dkim=pass header.d=${domain}`;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Where Debian installs Dovecot; null when it is not installed. */
export function dovecotBinary(): string | null {
  for (const path of ['/usr/sbin/dovecot', '/usr/bin/dovecot']) if (existsSync(path)) return path;
  const which = spawnSync('sh', ['-c', 'command -v dovecot'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

/**
 * A throwaway Dovecot (IMAP only, plaintext login on loopback, maildir in a temp folder) with
 * one user `agent` / `secret`. As root, mail is owned by `nobody`; otherwise everything runs as
 * the current user. Never touches the system's Dovecot service.
 */
export async function startDovecot(binary: string): Promise<{ port: number; user: string; password: string; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-dovecot-'));
  // The mail user must be able to reach its maildir inside.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const me = userInfo().username;
  const mailUser = root ? 'nobody' : me;
  const mailGroup = root ? (spawnSync('getent', ['group', 'nogroup']).status === 0 ? 'nogroup' : 'nobody') : String(process.getgid?.() ?? me);
  mkdirSync(join(dir, 'run'), { recursive: true });
  mkdirSync(join(dir, 'mail'), { recursive: true });
  if (root)
    chownSync(
      join(dir, 'mail'),
      Number(execFileSync('id', ['-u', mailUser]).toString().trim()),
      Number(execFileSync('id', ['-g', mailUser]).toString().trim()),
    );
  writeFileSync(join(dir, 'users'), 'agent:{PLAIN}secret\n');
  const unprivileged = root ? '' : `default_internal_user = ${me}\ndefault_login_user = ${me}\n`;
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/run/state
log_path = ${dir}/dovecot.log
ssl = no
auth_mechanisms = plain login
disable_plaintext_auth = no
mail_location = maildir:${dir}/mail/%n
mail_uid = ${mailUser}
mail_gid = ${mailGroup}
${unprivileged}service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n ${dir}/users
}
userdb {
  driver = static
  args = uid=${mailUser} gid=${mailGroup} home=${dir}/mail/%n
}
`,
  );
  // Dovecot daemonizes; its children keep inherited pipes open, so don't give it any.
  execFileSync(binary, ['-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  // Wait for the listener.
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createServer();
      socket.once('error', () => resolve(true));
      socket.listen(port, '127.0.0.1', () => socket.close(() => resolve(false)));
    });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    user: 'agent',
    password: 'secret',
    stop() {
      const pidFile = join(dir, 'run', 'master.pid');
      if (existsSync(pidFile)) {
        try {
          process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM');
        } catch {
          // already gone
        }
      }
      setTimeout(() => rmSync(dir, { recursive: true, force: true }), 500).unref();
    },
  };
}
