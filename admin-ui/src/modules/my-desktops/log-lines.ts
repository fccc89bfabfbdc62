/** A log line's password after "Password:" / "password=" (VPS logs say it that way). */
const PASSWORD_IN_LINE = /(pass(?:word)?\s*[:=]\s*)(\S+)/gi;

/** What hides a secret on screen. */
export const MASK = '••••••••';

/**
 * The log as shown: with `reveal` off, the known password and anything after "Password:" are
 * masked, so a log on a shared screen does not give the login away.
 */
export function maskLog(lines: readonly string[], secret: string | null | undefined, reveal: boolean): string[] {
  if (reveal) return [...lines];
  return lines.map((line) => {
    const masked = line.replace(PASSWORD_IN_LINE, (_m, label: string) => `${label}${MASK}`);
    return secret ? masked.split(secret).join(MASK) : masked;
  });
}

/**
 * The whole log after `incoming` lines arrived live. Lines that came before the full text was read
 * may already be in it (the tail matches): they are not added twice.
 */
export function mergeLog(base: readonly string[], early: readonly string[], incoming: readonly string[]): string[] {
  let overlap = Math.min(early.length, base.length);
  while (overlap > 0 && !endsWith(base, early.slice(0, overlap))) overlap--;
  return [...base, ...early.slice(overlap), ...incoming];
}

function endsWith(all: readonly string[], tail: readonly string[]): boolean {
  const start = all.length - tail.length;
  return tail.every((line, i) => all[start + i] === line);
}
