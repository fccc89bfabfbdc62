import { BadInputError, DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** One roster line. */
export interface RosterRow {
  line: number;
  username: string;
  password: string | null;
}

const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;
const MAX_ROWS = 5000;
/** At most this many bad lines are listed in one answer. */
const MAX_PROBLEMS = 200;

/** One bad roster line: its number and what is wrong with it. */
export interface RosterLineProblem {
  line: number;
  message: string;
}

/**
 * BAD_USER_INPUT on field `csv` for bad roster lines: the message names the first, and
 * `extensions.lines` lists every one (`{ line, message }`) so the import form can mark each line.
 */
export function rosterError(problems: RosterLineProblem[]): DomainError {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more bad line${problems.length > 2 ? 's' : ''})` : '';
  return new DomainError(ErrorCode.BAD_USER_INPUT, `csv: line ${first?.line}: ${first?.message}${more}`, {
    field: 'csv',
    lines: problems.slice(0, MAX_PROBLEMS),
  });
}

/**
 * Parses a roster CSV: `username[,password]` per line, an optional `username,password` header,
 * blank lines and `#` comments skipped, fields optionally double-quoted. Every bad line is
 * reported with its number (BAD_USER_INPUT on field `csv`, see `rosterError`).
 */
export function parseRoster(csv: string): RosterRow[] {
  const rows: RosterRow[] = [];
  const problems: RosterLineProblem[] = [];
  const seen = new Map<string, number>();
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (!text || text.startsWith('#')) return;
    try {
      const row = parseLine(text, line, rows.length === 0 && problems.length === 0, seen);
      if (row) rows.push(row);
    } catch (err) {
      if (!(err instanceof LineError)) throw err;
      problems.push({ line, message: err.message });
    }
  });
  if (problems.length > 0) throw rosterError(problems);
  if (rows.length === 0) throw new BadInputError('csv', 'no candidates in the file');
  if (rows.length > MAX_ROWS) throw new BadInputError('csv', `at most ${MAX_ROWS} candidates per import`);
  return rows;
}

/** What is wrong with one line (collected, then reported together). */
class LineError extends Error {}

/** One non-blank line: a row, null for the header, or a LineError. */
function parseLine(text: string, line: number, mayBeHeader: boolean, seen: Map<string, number>): RosterRow | null {
  const fields = splitCsvLine(text);
  if (mayBeHeader && fields[0]!.toLowerCase() === 'username') return null;
  if (fields.length > 2) throw new LineError(`expected "username[,password]", found ${fields.length} fields`);
  const username = fields[0]!;
  const password = fields[1] ? fields[1] : null;
  if (!USERNAME.test(username)) throw new LineError(`"${username.slice(0, 40)}" is not a username (1 to 64 letters, digits or . _ @ -)`);
  if (password !== null && (password.length < 8 || password.length > 256)) throw new LineError('the password must be 8 to 256 characters');
  const first = seen.get(username);
  if (first) throw new LineError(`"${username}" is already on line ${first}`);
  seen.set(username, line);
  return { line, username, password };
}

function splitCsvLine(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= text.length) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new LineError('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') break;
        else value += text[i++];
      }
      i++;
      out.push(value);
      if (i < text.length && text[i] !== ',') throw new LineError('text after a closing quote');
    } else {
      const end = text.indexOf(',', i);
      out.push(text.slice(i, end === -1 ? text.length : end).trim());
      i = end === -1 ? text.length : end;
    }
    i++;
  }
  return out;
}
