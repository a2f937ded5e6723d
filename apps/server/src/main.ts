#!/usr/bin/env node
import { ConfigError, loadConfig } from '@parley/kernel';
import { composeServer } from './compose.js';

// Entry point of `npm start`: read the configuration once, compose, listen, and shut down
// cleanly on SIGTERM/SIGINT (in-flight requests finish, workers release their jobs).
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const server = await composeServer(config);
  const log = server.app.log;
  if (server.generatedAdminPassword) {
    // Printed once: only its hash is stored.
    console.log(`\n  Parley is ready. Administrator: ${server.adminEmail}  password: ${server.generatedAdminPassword}\n  (shown only now; set PARLEY_ADMIN_PASSWORD to choose it)\n`);
  }
  const address = await server.app.listen({ port: config.port, host: config.host });
  log.info({ address, database: server.database.kind, bus: config.redisUrl ? 'redis' : 'local' }, 'Parley listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // A bug in one request must not take the process down silently; log it loudly.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
