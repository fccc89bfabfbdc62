import { BadInputError } from '../../shared/domain-error.js';

/** One roster line. */
export interface RosterRow {
  line: number;
  username: string;
  password: string | null;
}

const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;
const MAX_ROWS = 5000;

/**
 * Parses a roster CSV: `username[,password]` per line, an optional `username,password` header,
 * blank lines and `#` comments skipped, fields optionally double-quoted. Every problem is
 * reported with its line number (BAD_USER_INPUT on field `csv`).
 */
export function parseRoster(csv: string): RosterRow[] {
  const rows: RosterRow[] = [];
  const seen = new Map<string, number>();
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (!text || text.startsWith('#')) return;
    const fields = splitCsvLine(text, line);
    if (rows.length === 0 && !seen.size && fields[0]!.toLowerCase() === 'username') return;
    if (fields.length > 2) throw new BadInputError('csv', `line ${line}: expected "username[,password]", found ${fields.length} fields`);
    const username = fields[0]!;
    const password = fields[1] ? fields[1] : null;
    if (!USERNAME.test(username)) throw new BadInputError('csv', `line ${line}: "${username.slice(0, 40)}" is not a username (1 to 64 letters, digits or . _ @ -)`);
    if (password !== null && (password.length < 8 || password.length > 256)) throw new BadInputError('csv', `line ${line}: the password must be 8 to 256 characters`);
    const first = seen.get(username);
    if (first) throw new BadInputError('csv', `line ${line}: "${username}" is already on line ${first}`);
    seen.set(username, line);
    rows.push({ line, username, password });
  });
  if (rows.length === 0) throw new BadInputError('csv', 'no candidates in the file');
  if (rows.length > MAX_ROWS) throw new BadInputError('csv', `at most ${MAX_ROWS} candidates per import`);
  return rows;
}

function splitCsvLine(text: string, line: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= text.length) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new BadInputError('csv', `line ${line}: unterminated quote`);
        if (text[i] === '"' && text[i + 1] === '"') (value += '"'), (i += 2);
        else if (text[i] === '"') break;
        else value += text[i++];
      }
      i++;
      out.push(value);
      if (i < text.length && text[i] !== ',') throw new BadInputError('csv', `line ${line}: text after a closing quote`);
    } else {
      const end = text.indexOf(',', i);
      out.push(text.slice(i, end === -1 ? text.length : end).trim());
      i = end === -1 ? text.length : end;
    }
    i++;
  }
  return out;
}
