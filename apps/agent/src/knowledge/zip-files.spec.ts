import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as nodeCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, zipTextFiles } from './zip-files.js';

describe('zipTextFiles', () => {
  it('computes the IEEE CRC-32 that zlib computes', () => {
    for (const text of ['', 'a', 'Délais de livraison — 2 à 4 jours', 'x'.repeat(10_000)]) {
      const bytes = new TextEncoder().encode(text);
      expect(crc32(bytes)).toBe(nodeCrc32(bytes));
    }
  });

  it.skipIf(!existsSync('/usr/bin/unzip'))('writes an archive that unzip reads back, names and UTF-8 content intact, nothing outside the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-zip-'));
    try {
      const files = [
        { name: 'delais-de-livraison.md', content: '---\nlanguage: fr\n---\n# Délais\n\n2 à 4 jours.' },
        { name: '../escape.md', content: 'stays inside' },
      ];
      writeFileSync(join(dir, 'kb.zip'), zipTextFiles('knowledge', files));
      execFileSync('/usr/bin/unzip', ['-q', join(dir, 'kb.zip'), '-d', join(dir, 'out')]);
      expect(readFileSync(join(dir, 'out', 'knowledge', 'delais-de-livraison.md'), 'utf8')).toBe(files[0]?.content);
      expect(readFileSync(join(dir, 'out', 'knowledge', '__escape.md'), 'utf8')).toBe('stays inside');
      expect(execFileSync('/usr/bin/unzip', ['-tq', join(dir, 'kb.zip')]).toString()).toContain('No errors');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
