import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorCatalogueMarkdown } from './error-docs.js';
import { ERROR_CATALOGUE } from './errors.js';

// packages/kernel/src → repo root.
const DOC = fileURLToPath(new URL('../../../docs/errors.md', import.meta.url));

function section(markdown: string): string {
  const from = markdown.indexOf('<!-- errors:start -->');
  const to = markdown.indexOf('<!-- errors:end -->');
  if (from < 0 || to < from) throw new Error(`${DOC} has no <!-- errors:start --> … <!-- errors:end --> section`);
  return markdown.slice(from + '<!-- errors:start -->'.length, to).trim();
}

describe('docs/errors.md', () => {
  it('embeds exactly the table errorCatalogueMarkdown() generates', () => {
    // On failure, regenerate the section with:
    // npx tsx --conditions=source -e "import('./packages/kernel/src/error-docs.ts').then(m=>console.log(m.errorCatalogueMarkdown()))"
    expect(section(readFileSync(DOC, 'utf8'))).toBe(errorCatalogueMarkdown());
  });
});

describe('errorCatalogueMarkdown', () => {
  it('has one row per code, with its status', () => {
    const rows = errorCatalogueMarkdown().split('\n').slice(2);
    expect(rows).toHaveLength(Object.keys(ERROR_CATALOGUE).length);
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(rows).toContain(`| \`${code}\` | ${entry.status} | ${entry.description} |`);
    }
  });

  it('only uses client or server error statuses', () => {
    for (const entry of Object.values(ERROR_CATALOGUE)) expect(entry.status).toBeGreaterThanOrEqual(400);
  });
});
