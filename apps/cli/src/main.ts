#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './args.js';
import { KB_EVAL_USAGE, runKbEval } from './kb-eval.js';
import { NLU_EVAL_USAGE, runNluEval, UsageError } from './nlu-eval.js';
import { ROUTING_SIMULATE_USAGE, runRoutingSimulate } from './routing-simulate.js';

const USAGE = `Usage: parley <command>

Commands:
  nlu eval   Train and evaluate the NLU engine on your JSONL data
  kb eval    Rank FAQ answers for your queries and score the knowledge-base answer engine
  routing simulate
             Simulate a contact center through the routing engine (service level, ASA, abandonment, occupancy)

${NLU_EVAL_USAGE}

${KB_EVAL_USAGE}

${ROUTING_SIMULATE_USAGE}`;

/**
 * Runs the CLI and returns the process exit code (0 ok, 1 failure, 2 usage error).
 *
 * @example
 * await main(['nlu', 'eval', '--task', 'sentiment', '--train', 'a.jsonl', '--test', 'b.jsonl', '--lang', 'fr']);
 */
export async function main(argv: readonly string[], out: (s: string) => void = console.log, err: (s: string) => void = console.error): Promise<number> {
  const args = parseArgs(argv, new Set(['json', 'help']));
  const [group, command] = args.positionals;
  if (args.flags.has('help') || group === undefined) {
    out(USAGE);
    return group === undefined && !args.flags.has('help') ? 2 : 0;
  }
  try {
    if (group === 'nlu' && command === 'eval') {
      await runNluEval(args, out, err);
      return 0;
    }
    if (group === 'kb' && command === 'eval') {
      await runKbEval(args, out, err);
      return 0;
    }
    if (group === 'routing' && command === 'simulate') {
      await runRoutingSimulate(args, out, err);
      return 0;
    }
    err(`Unknown command "${args.positionals.join(' ')}"\n\n${USAGE}`);
    return 2;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`parley: ${error.message}`);
      return 2;
    }
    err(`parley: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

function invokedDirectly(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
