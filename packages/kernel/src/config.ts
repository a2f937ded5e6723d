import { isIP } from 'node:net';
import { z } from 'zod';

/** One documented configuration variable. `secret` values are never logged or printed. */
interface ConfigVar<T extends z.ZodType> {
  env: string;
  schema: T;
  description: string;
  secret?: boolean;
}

const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0),
);

// proxy-addr's named ranges, accepted by Fastify's trustProxy beside addresses and CIDRs.
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(item: string): boolean {
  if (PROXY_RANGES.has(item)) return true;
  const [address = '', prefix, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which peers may name the client in X-Forwarded-For: `false` (nobody: the client is the TCP
 * peer), `true` (everybody), a hop count, or a list of proxy addresses, CIDRs and named ranges.
 */
const trustProxy = z
  .string()
  .trim()
  .refine(
    (v) =>
      v === 'true' ||
      v === 'false' ||
      /^\d+$/.test(v) ||
      v
        .split(',')
        .map((part) => part.trim())
        .every(isProxyAddress),
    'must be false, true, a hop count, or comma-separated proxy addresses, CIDRs or loopback/linklocal/uniquelocal',
  )
  .transform((v): boolean | number | string[] => {
    if (v === 'true' || v === 'false') return v === 'true';
    if (/^\d+$/.test(v)) return Number(v);
    return v.split(',').map((part) => part.trim());
  });

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * The whole configuration of a Parley process. Read from the environment once at boot by
 * {@link loadConfig}; `process.env` is read nowhere else. Defaults need no infrastructure.
 */
export const CONFIG_VARS = {
  port: { env: 'PORT', schema: port.default(3000), description: 'HTTP port to listen on (0 picks a free port).' },
  host: { env: 'HOST', schema: z.string().min(1).default('0.0.0.0'), description: 'Interface to bind.' },
  publicUrl: {
    env: 'PUBLIC_URL',
    schema: z.url().optional(),
    description: 'External base URL of this server (providers sign full URLs). Defaults to http://localhost:PORT.',
  },
  dataDir: {
    env: 'PARLEY_DATA_DIR',
    schema: z.string().min(1).default('./data'),
    description: 'Folder for the embedded PGlite database and generated secrets when DATABASE_URL is not set.',
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    description: 'PostgreSQL connection string. When set, Parley uses this server instead of the embedded PGlite.',
    secret: true,
  },
  databasePoolSize: {
    env: 'DATABASE_POOL_SIZE',
    schema: positiveInt.default(10),
    description: 'Connections per process in the PostgreSQL pool (PGlite always uses one).',
  },
  redisUrl: {
    env: 'REDIS_URL',
    schema: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
    description: 'Redis URL. When set, the event bus and live updates go through Redis so several processes share them.',
    secret: true,
  },
  secretKey: {
    env: 'PARLEY_SECRET_KEY',
    schema: z.string().min(1).optional(),
    description:
      'Key(s) for envelope encryption of channel secrets: `kid:base64key[,kid:base64key…]`, the first one active, the others kept to read older data (rotation). Each key is 32 random bytes. Generated into the data folder on the embedded default; required with DATABASE_URL.',
    secret: true,
  },
  adminEmail: {
    env: 'PARLEY_ADMIN_EMAIL',
    schema: z.email().optional(),
    description: 'Email of the administrator created on first start (default admin@parley.local).',
  },
  adminPassword: {
    env: 'PARLEY_ADMIN_PASSWORD',
    schema: z.string().min(8, 'must be at least 8 characters').optional(),
    description: 'Password of the administrator created on first start; generated and printed once if unset.',
    secret: true,
  },
  outboundAllowHosts: {
    env: 'PARLEY_OUTBOUND_ALLOW_HOSTS',
    schema: csv.default([]),
    description:
      'Comma-separated hosts that outbound HTTP (webhooks, actions, connectors) may reach even though they resolve to loopback or private addresses, e.g. `127.0.0.1,localhost`.',
  },
  corsOrigins: {
    env: 'PARLEY_CORS_ORIGINS',
    schema: csv.default([]),
    description: 'Comma-separated origins allowed to call the API from a browser. Empty: same origin only.',
  },
  trustProxy: {
    env: 'PARLEY_TRUST_PROXY',
    schema: trustProxy.default(false),
    description:
      'Which peers may name the client in `X-Forwarded-For` (rate limits key on the client address): `false` (the TCP peer is the client), `true` (any peer; only behind a proxy that overwrites the header), a hop count, or comma-separated proxy addresses, CIDRs or `loopback`/`linklocal`/`uniquelocal`, e.g. `loopback` behind a reverse proxy on the same host.',
  },
  logLevel: {
    env: 'LOG_LEVEL',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    description: 'pino log level.',
  },
  bodyLimitBytes: {
    env: 'PARLEY_BODY_LIMIT_BYTES',
    schema: positiveInt.default(1_048_576),
    description: 'Largest accepted request body, in bytes.',
  },
  attachmentMaxBytes: {
    env: 'PARLEY_ATTACHMENT_MAX_BYTES',
    schema: positiveInt.default(10 * 1_048_576),
    description: 'Largest attachment accepted (images, PDF, plain text), in bytes.',
  },
  sessionTtlHours: {
    env: 'PARLEY_SESSION_TTL_HOURS',
    schema: positiveInt.default(12),
    description: 'Lifetime of a login session.',
  },
  loginRateLimitPerMinute: {
    env: 'PARLEY_LOGIN_RATE_LIMIT',
    schema: positiveInt.default(10),
    description: 'Login attempts allowed per client IP per minute.',
  },
  publicRateLimitPerMinute: {
    env: 'PARLEY_PUBLIC_RATE_LIMIT',
    schema: positiveInt.default(6000),
    description: 'Requests per client IP per minute on public (webhook, widget) endpoints.',
  },
  jobConcurrency: {
    env: 'PARLEY_JOB_CONCURRENCY',
    schema: positiveInt.default(4),
    description: 'Durable jobs run at once by this process.',
  },
  jobPollMs: {
    env: 'PARLEY_JOB_POLL_MS',
    schema: positiveInt.default(500),
    description: 'How often an idle worker looks for due jobs written by other processes.',
  },
  jobLockMs: {
    env: 'PARLEY_JOB_LOCK_MS',
    schema: positiveInt.default(30_000),
    description: 'How long a running job stays claimed without a heartbeat; after that another process takes it over (crash recovery).',
  },
  autoAwaySec: {
    env: 'PARLEY_AUTO_AWAY_SEC',
    schema: z.coerce.number().int().min(0).default(900),
    description:
      'Seconds after which an online advisor with no conversation and no routing activity (presence change, assignment, accepted offer, finished conversation) is set to away with the reason auto_away. 0 turns it off.',
  },
  botRateLimit: {
    env: 'PARLEY_BOT_RATE_LIMIT',
    schema: z.coerce.number().int().min(0).default(12),
    description:
      'Customer messages a bot answers per conversation within `PARLEY_BOT_RATE_WINDOW_SEC`, on every channel. Messages beyond it are stored (agents see them) but not answered: the bot says once per window, in the customer’s language, to slow down and records `bot.rate_limited` on the timeline. Asking for a person always gets through. 0 turns the limit off.',
  },
  botRateWindowSec: {
    env: 'PARLEY_BOT_RATE_WINDOW_SEC',
    schema: positiveInt.default(60),
    description: 'The sliding window of `PARLEY_BOT_RATE_LIMIT`, in seconds.',
  },
  workers: {
    env: 'PARLEY_WORKERS',
    schema: bool.default(true),
    description: 'Whether this process runs durable job workers (turn off for API-only processes).',
  },
  demo: {
    env: 'PARLEY_DEMO',
    schema: bool.default(true),
    description: 'Create the demo web chat channel (brand "Maison Lumière") on first start and serve the demo shop page at /demo. Set to false in production.',
  },
  secureCookies: {
    env: 'PARLEY_SECURE_COOKIES',
    schema: bool.optional(),
    description: 'Mark session cookies Secure. Defaults to true when PUBLIC_URL is https.',
  },
  embeddingsUrl: {
    env: 'PARLEY_EMBEDDINGS_URL',
    schema: z
      .url()
      .regex(/^https?:\/\//, 'must be an http(s) URL')
      .optional(),
    description:
      'Base URL of an OpenAI-compatible embeddings API, up to the version (e.g. `http://localhost:11434/v1`; Parley POSTs to `{url}/embeddings`). When set, the knowledge base ranks answers by fusing lexical and embedding similarity; vectors are computed by the `kb.reindex` job on publication. Unset, or when the provider is down: lexical ranking only.',
  },
  embeddingsModel: {
    env: 'PARLEY_EMBEDDINGS_MODEL',
    schema: z.string().min(1).default('text-embedding-3-small'),
    description: 'Model name sent to the embeddings API (e.g. `nomic-embed-text` on Ollama). Changing it recomputes the vectors.',
  },
  embeddingsApiKey: {
    env: 'PARLEY_EMBEDDINGS_API_KEY',
    schema: z.string().min(1).optional(),
    description: 'Bearer token for the embeddings API, if it needs one.',
    secret: true,
  },
  embeddingsTimeoutMs: {
    env: 'PARLEY_EMBEDDINGS_TIMEOUT_MS',
    schema: positiveInt.default(3000),
    description: 'How long a question waits for its embedding before the answer falls back to lexical ranking.',
  },
  llmUrl: {
    env: 'PARLEY_LLM_URL',
    schema: z
      .url()
      .regex(/^https?:\/\//, 'must be an http(s) URL')
      .optional(),
    description:
      'Server-wide default for the optional agent-assist LLM: base URL of an OpenAI-compatible chat-completions API, up to the version (e.g. `http://localhost:11434/v1`; Parley POSTs to `{url}/chat/completions`). Workspaces without their own LLM settings use it to draft replies and wrap-up summaries (never sent automatically; every call audited). Unset: only workspaces that set their own endpoint have an LLM.',
  },
  llmModel: {
    env: 'PARLEY_LLM_MODEL',
    schema: z.string().min(1).optional(),
    description: 'Model name sent with `PARLEY_LLM_URL` (e.g. `mistral` on Ollama); required when it is set.',
  },
  llmApiKey: {
    env: 'PARLEY_LLM_API_KEY',
    schema: z.string().min(1).optional(),
    description: 'Bearer token for `PARLEY_LLM_URL`, if it needs one.',
    secret: true,
  },
  llmTimeoutMs: {
    env: 'PARLEY_LLM_TIMEOUT_MS',
    schema: positiveInt.default(20_000),
    description: 'How long the server-default LLM may take before assist falls back to its path without it (extractive summary, no draft).',
  },
  smtpPort: {
    env: 'PARLEY_SMTP_PORT',
    schema: port.optional(),
    description:
      'Port of the built-in SMTP listener that receives mail for email channels in `smtp` mode (e.g. 25 behind your MX, or 2525). Unset: no listener.',
  },
  smtpHost: {
    env: 'PARLEY_SMTP_HOST',
    schema: z.string().min(1).default('127.0.0.1'),
    description: 'Interface the SMTP listener binds (`0.0.0.0` to receive from other machines).',
  },
  smtpMaxBytes: {
    env: 'PARLEY_SMTP_MAX_BYTES',
    schema: positiveInt.default(26_214_400),
    description: 'Largest message the SMTP listener accepts (announced with SIZE; larger mail gets 552).',
  },
  smtpTlsKeyFile: {
    env: 'PARLEY_SMTP_TLS_KEY_FILE',
    schema: z.string().min(1).optional(),
    description: 'PEM private key for STARTTLS on the SMTP listener; with `PARLEY_SMTP_TLS_CERT_FILE`. Unset: STARTTLS is not offered.',
  },
  smtpTlsCertFile: {
    env: 'PARLEY_SMTP_TLS_CERT_FILE',
    schema: z.string().min(1).optional(),
    description: 'PEM certificate chain for STARTTLS on the SMTP listener.',
  },
} satisfies Record<string, ConfigVar<z.ZodType>>;

type Vars = typeof CONFIG_VARS;
export type ParleyConfig = { [K in keyof Vars]: z.output<Vars[K]['schema']> };

/** Thrown at boot when the environment is invalid; the message lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses and validates the configuration; throws {@link ConfigError} naming each bad
 * variable (without echoing secret values).
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>): ParleyConfig {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(CONFIG_VARS) as [string, ConfigVar<z.ZodType>][]) {
    const raw = env[spec.env];
    const value = raw === undefined || raw === '' ? undefined : raw;
    const parsed = spec.schema.safeParse(value);
    if (parsed.success) {
      out[key] = parsed.data;
    } else {
      const reason = parsed.error.issues.map((i) => i.message).join('; ');
      const shown = spec.secret || value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
      problems.push(`${spec.env}: ${reason}${shown}`);
    }
  }
  if (out.llmUrl !== undefined && out.llmModel === undefined) problems.push('PARLEY_LLM_MODEL: required when PARLEY_LLM_URL is set');
  if (problems.length > 0) throw new ConfigError(problems);
  return out as ParleyConfig;
}

/** A copy safe to log: secret values replaced by `[set]`. */
export function redactConfig(config: ParleyConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(CONFIG_VARS) as [string, ConfigVar<z.ZodType>][]) {
    const value = (config as Record<string, unknown>)[key];
    out[key] = spec.secret && value !== undefined ? '[set]' : value;
  }
  return out;
}

/** Markdown table of every variable, for docs/configuration.md (kept in step by a test). */
export function configReferenceMarkdown(): string {
  const rows = (Object.values(CONFIG_VARS) as ConfigVar<z.ZodType>[]).map((spec) => {
    const def = defaultOf(spec.schema);
    return `| \`${spec.env}\` | ${def === undefined ? '—' : `\`${JSON.stringify(def)}\``} | ${spec.secret ? 'yes' : ''} | ${spec.description} |`;
  });
  return ['| variable | default | secret | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

function defaultOf(schema: z.ZodType): unknown {
  const parsed = schema.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}
