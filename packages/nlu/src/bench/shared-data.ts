import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLabelledJsonl, type LabelledText } from '../io/jsonl.js';

/**
 * Finds the repository root (the first parent folder whose package.json declares workspaces).
 *
 * @example
 * findRepoRoot() // '/work/main'
 */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { workspaces?: unknown }).workspaces) return dir;
      } catch {
        // Not a readable package.json: keep climbing.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the repository root (package.json with workspaces)');
    dir = parent;
  }
}

/** Shared data folder: `$PARLEY_SHARED_DATA`, else `../shared/data` next to the repository. */
export function sharedDataDir(): string {
  return process.env['PARLEY_SHARED_DATA'] ?? resolve(findRepoRoot(), '..', 'shared', 'data');
}

/** Folder of the package's own committed test data. */
export function ownTestDataDir(): string {
  return resolve(findRepoRoot(), 'packages', 'nlu', 'test-data');
}

/** Reads a labelled JSONL file, failing loudly on malformed lines (shared data must be clean). */
export function readLabelled(path: string): LabelledText[] {
  const { rows, issues } = parseLabelledJsonl(readFileSync(path, 'utf8'));
  if (issues.length > 0) throw new Error(`${path}:${issues[0]?.line}: ${issues[0]?.message}`);
  return rows;
}
