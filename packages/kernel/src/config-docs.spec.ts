import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARS, ConfigError, configReferenceMarkdown, loadConfig, redactConfig } from './config.js';

// packages/kernel/src → repo root.
const DOC = fileURLToPath(new URL('../../../docs/configuration.md', import.meta.url));

function section(markdown: string, name: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${DOC} has no ${start} … ${end} section`);
  return markdown.slice(from + start.length, to).trim();
}

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('docs/configuration.md', () => {
  it('embeds exactly the table configReferenceMarkdown() generates', () => {
    // On failure, regenerate the section with:
    // npx tsx --conditions=source -e "import('@parley/kernel').then(m=>console.log(m.configReferenceMarkdown()))"
    expect(section(readFileSync(DOC, 'utf8'), 'config')).toBe(configReferenceMarkdown());
  });

  it('documents every variable once', () => {
    const table = configReferenceMarkdown();
    for (const spec of Object.values(CONFIG_VARS)) {
      expect(table.split('\n').filter((row) => row.startsWith(`| \`${spec.env}\` |`))).toHaveLength(1);
    }
  });
});

describe('loadConfig', () => {
  it('runs on an empty environment with the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: './data',
      databasePoolSize: 10,
      outboundAllowHosts: [],
      corsOrigins: [],
      logLevel: 'info',
      bodyLimitBytes: 1_048_576,
      sessionTtlHours: 12,
      jobConcurrency: 4,
      jobPollMs: 500,
      jobLockMs: 30_000,
      workers: true,
    });
    // No infrastructure by default: embedded PGlite, in-process bus, generated secrets.
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.secretKey).toBeUndefined();
    expect(config.adminPassword).toBeUndefined();
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('parses values from the environment', () => {
    const config = loadConfig({ PORT: '8080', PARLEY_OUTBOUND_ALLOW_HOSTS: ' 127.0.0.1, localhost ,', PARLEY_WORKERS: 'no', LOG_LEVEL: 'debug' });
    expect(config).toMatchObject({ port: 8080, outboundAllowHosts: ['127.0.0.1', 'localhost'], workers: false, logLevel: 'debug' });
  });

  it('trusts no proxy by default; PARLEY_TRUST_PROXY takes true/false, a hop count or proxy addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ PARLEY_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ PARLEY_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ PARLEY_TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8 ,192.0.2.1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.0.2.1',
    ]);
    for (const bad of ['yes', 'proxy.example.com', '10.0.0.0/33', '10.0.0.1/8/1', 'loopback,']) {
      expect(configError({ PARLEY_TRUST_PROXY: bad }).problems[0], bad).toMatch(/^PARLEY_TRUST_PROXY: /);
    }
  });

  it('rejects a bad PORT with a ConfigError naming PORT and showing the value', () => {
    const error = configError({ PORT: 'eighty' });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^PORT: /);
    expect(error.message).toContain('PORT');
    expect(error.message).toContain('"eighty"');
    expect(configError({ PORT: '70000' }).message).toContain('PORT');
  });

  it('lists every bad variable at once', () => {
    const error = configError({ PORT: '-1', LOG_LEVEL: 'loud', PARLEY_JOB_CONCURRENCY: '0' });
    expect(error.problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'LOG_LEVEL', 'PARLEY_JOB_CONCURRENCY']);
  });

  it('never echoes a secret value, even an invalid one', () => {
    const secrets = {
      DATABASE_URL: 'mysql://parley:hunter2-db@db.internal/parley',
      REDIS_URL: 'http://:hunter2-redis@cache.internal',
      PARLEY_ADMIN_PASSWORD: 'hunter2',
    };
    const error = configError(secrets);
    expect(error.problems.map((p) => p.split(':')[0])).toEqual(['DATABASE_URL', 'REDIS_URL', 'PARLEY_ADMIN_PASSWORD']);
    for (const value of Object.values(secrets)) expect(error.message).not.toContain(value);
    expect(error.message).not.toContain('hunter2');
  });

  it('redacts secrets in the loggable copy', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://parley:hunter2@db/parley', PARLEY_SECRET_KEY: 'k1:c2VjcmV0', PORT: '3001' });
    const shown = JSON.stringify(redactConfig(config));
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('c2VjcmV0');
    expect(redactConfig(config)).toMatchObject({ databaseUrl: '[set]', secretKey: '[set]', port: 3001 });
  });
});
