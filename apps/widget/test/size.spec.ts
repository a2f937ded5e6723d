import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { buildWidget } from './support/build-widget.js';

// Host pages pay for every byte on every visit: widget.js, socket.io-client included, must stay
// under 60 KB gzipped (level 9, as CDNs and the server's compression typically serve it).
const BUDGET_BYTES = 60 * 1024;

it('widget.js stays within its 60 KB gzip budget, as one IIFE that defines only window.Parley', async () => {
  const source = await buildWidget();
  const gzipped = gzipSync(source, { level: 9 }).length;
  console.info(`[widget] widget.js: ${source.length} bytes, ${gzipped} bytes gzipped`);
  expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  expect(source.trimStart().startsWith('(function(')).toBe(true);
  expect(source).not.toMatch(/ParleyWidgetBundle/);
  // zod comes with the protocol package's schemas: the widget must import types only.
  expect(source).not.toMatch(/ZodError|zod/);
});
