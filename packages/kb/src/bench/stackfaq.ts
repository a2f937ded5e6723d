import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFaqJsonl, parseQueryJsonl, type FaqRow, type QueryRow } from '../io/faq-jsonl.js';

/** The StackFAQ files of the shared data folder. */
export interface StackFaq {
  readonly dir: string;
  readonly answers: FaqRow[];
  readonly train: QueryRow[];
  readonly dev: QueryRow[];
}

/** The shared data folder: `$PARLEY_SHARED_DATA`, else `../shared/data` next to the repository. */
export function sharedDataDir(): string {
  return process.env['PARLEY_SHARED_DATA'] ?? resolve(repoRoot(), '..', 'shared', 'data');
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { workspaces?: unknown }).workspaces) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the repository root (package.json with workspaces)');
    dir = parent;
  }
}

/**
 * Loads StackFAQ from `$PARLEY_SHARED_DATA/retrieval/stackfaq` (default `../shared/data` next to the
 * repository), failing loudly on a malformed line: shared data must be clean.
 *
 * @example
 * loadStackFaq().answers.length // 125
 */
export function loadStackFaq(sharedDir: string = sharedDataDir()): StackFaq {
  const dir = join(sharedDir, 'retrieval', 'stackfaq');
  const read = <T>(file: string, parse: (s: string) => { rows: T[]; issues: Array<{ line: number; message: string }> }): T[] => {
    const { rows, issues } = parse(readFileSync(join(dir, file), 'utf8'));
    if (issues[0]) throw new Error(`${join(dir, file)}:${issues[0].line}: ${issues[0].message}`);
    return rows;
  };
  return { dir, answers: read('answers.jsonl', parseFaqJsonl), train: read('train.jsonl', parseQueryJsonl), dev: read('dev.jsonl', parseQueryJsonl) };
}

/**
 * Splits rows into k folds by position (seedless and stable: row i goes to fold i mod k).
 *
 * @example
 * folds([1, 2, 3, 4], 2) // [[1, 3], [2, 4]]
 */
export function folds<T>(rows: readonly T[], k: number): T[][] {
  const out: T[][] = Array.from({ length: k }, () => []);
  rows.forEach((r, i) => out[i % k]?.push(r));
  return out;
}
