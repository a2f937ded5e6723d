/** A problem found on one line of a JSONL file. */
export interface JsonlIssue {
  /** 1-based line number. */
  readonly line: number;
  readonly message: string;
}

/** Parsed labelled example. */
export interface LabelledText {
  readonly text: string;
  readonly label: string;
}

/** Result of {@link parseLabelledJsonl}: good rows plus per-line issues; never throws on bad lines. */
export interface JsonlParseResult {
  readonly rows: LabelledText[];
  readonly issues: JsonlIssue[];
}

/**
 * Parses `{"text","label"}` JSON lines. Blank lines are skipped; malformed lines are reported with
 * their line number instead of aborting the whole file.
 *
 * @example
 * parseLabelledJsonl('{"text":"hi","label":"greet"}\nnot json')
 * // { rows: [{ text: 'hi', label: 'greet' }], issues: [{ line: 2, message: 'invalid JSON: ...' }] }
 */
export function parseLabelledJsonl(content: string): JsonlParseResult {
  const rows: LabelledText[] = [];
  const issues: JsonlIssue[] = [];
  const lines = content.replace(/^\ufeff/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      issues.push({ line, message: `invalid JSON: ${(error as Error).message}` });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({ line, message: 'expected a JSON object with "text" and "label"' });
      return;
    }
    const record = value as Record<string, unknown>;
    const text = record['text'];
    const label = record['label'] ?? record['intent'];
    if (typeof text !== 'string') {
      issues.push({ line, message: 'missing string field "text"' });
      return;
    }
    if (typeof label !== 'string' && typeof label !== 'number') {
      issues.push({ line, message: 'missing string field "label"' });
      return;
    }
    rows.push({ text, label: String(label) });
  });
  return { rows, issues };
}
