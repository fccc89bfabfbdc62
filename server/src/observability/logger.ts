import { pino, type Logger } from 'pino';

/** JSON logs on stdout; secrets never reach them (see `redact`). */
export function createLogger(level: string, name = 'vdi-server'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['password', '*.password', 'credential', '*.credential', 'token', '*.token', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
