import { ERROR_CATALOGUE, type ErrorCode } from './errors.js';

// A pipe inside a cell would end it early; newlines would end the row.
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/**
 * Markdown table of every error code with its HTTP status and meaning, in catalogue order.
 * `docs/errors.md` embeds it between `<!-- errors:start -->` and `<!-- errors:end -->`, and a
 * test fails when the two differ, so the page can't drift from the code.
 *
 * @example
 * console.log(errorCatalogueMarkdown());
 * // | code | HTTP status | meaning |
 * // |---|---|---|
 * // | `validation_failed` | 422 | The request body, query or parameters do not match the schema. |
 */
export function errorCatalogueMarkdown(): string {
  const rows = (Object.entries(ERROR_CATALOGUE) as [ErrorCode, { status: number; description: string }][]).map(
    ([code, entry]) => `| \`${code}\` | ${entry.status} | ${cell(entry.description)} |`,
  );
  return ['| code | HTTP status | meaning |', '|---|---|---|', ...rows].join('\n');
}
