import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const WIDGET_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds the widget as `npm run build` does, into a temporary folder; returns the bundle's source. */
export async function buildWidget(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'parley-widget-'));
  await build({ root: WIDGET_DIR, configFile: join(WIDGET_DIR, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return readFileSync(join(outDir, 'widget.js'), 'utf8');
}
