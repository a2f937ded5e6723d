/** A FAQ item of an evaluation file: `{"answer_id","question","answer"}`. */
export interface FaqRow {
  readonly answerId: string;
  readonly question: string;
  readonly answer: string;
}

/** A query of an evaluation file, or a known phrasing: `{"question","answer_id"}`. */
export interface QueryRow {
  readonly question: string;
  readonly answerId: string;
}

/** A line that was skipped, 1-based. */
export interface LineIssue {
  readonly line: number;
  readonly message: string;
}

function parseLines<T>(content: string, read: (o: Record<string, unknown>) => T | string): { rows: T[]; issues: LineIssue[] } {
  const rows: T[] = [];
  const issues: LineIssue[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      issues.push({ line: i + 1, message: 'invalid JSON' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({ line: i + 1, message: 'not a JSON object' });
      return;
    }
    const r = read(value as Record<string, unknown>);
    if (typeof r === 'string') issues.push({ line: i + 1, message: r });
    else rows.push(r);
  });
  return { rows, issues };
}

function str(o: Record<string, unknown>, key: string): string | null {
  const v = o[key];
  if (typeof v === 'string' && v.trim()) return v;
  if (typeof v === 'number') return String(v);
  return null;
}

/**
 * Parses FAQ items, one JSON object a line. Never throws: bad lines come back as issues.
 *
 * @example
 * parseFaqJsonl('{"answer_id":"a","question":"Q?","answer":"A."}').rows[0].answerId // 'a'
 */
export function parseFaqJsonl(content: string): { rows: FaqRow[]; issues: LineIssue[] } {
  return parseLines(content, (o) => {
    const answerId = str(o, 'answer_id');
    const question = str(o, 'question');
    if (!answerId) return 'missing string field "answer_id"';
    if (!question) return 'missing string field "question"';
    return { answerId, question, answer: str(o, 'answer') ?? '' };
  });
}

/**
 * Parses queries or known phrasings, one JSON object a line. Never throws.
 *
 * @example
 * parseQueryJsonl('{"question":"Q?","answer_id":"a"}').rows[0] // { question: 'Q?', answerId: 'a' }
 */
export function parseQueryJsonl(content: string): { rows: QueryRow[]; issues: LineIssue[] } {
  return parseLines(content, (o) => {
    const question = str(o, 'question');
    const answerId = str(o, 'answer_id');
    if (!question) return 'missing string field "question"';
    if (!answerId) return 'missing string field "answer_id"';
    return { question, answerId };
  });
}
