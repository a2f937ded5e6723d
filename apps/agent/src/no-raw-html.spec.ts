import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Customer text must only ever reach the DOM as React text nodes. This test fails the build
// if any source file uses a raw-HTML sink.
const SRC = fileURLToPath(new URL('.', import.meta.url));
const SINKS = [/dangerouslySetInnerHTML/, /\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /createContextualFragment/];
const SELF = 'no-raw-html.spec.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx)$/.test(name) && name !== SELF ? [path] : [];
  });
}

describe('no raw HTML in the agent app', () => {
  it('never uses dangerouslySetInnerHTML, innerHTML or other HTML sinks', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return SINKS.filter((sink) => sink.test(text)).map((sink) => `${relative(SRC, file)}: ${sink.source}`);
    });
    expect(offenders).toEqual([]);
  });
});
