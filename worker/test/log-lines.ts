import { Writable } from 'node:stream';
import pino, { type Level, type Logger } from 'pino';

/** A pino logger at `level` whose output is kept, one JSON line per entry, in `lines`. */
export function collectingLogger(level: Level = 'info'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}
