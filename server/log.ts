// Structured logs (pino). They carry request ids, token ids, workbook names, statuses and counts —
// never a request body, a record or a token.
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export function createLogger(level = process.env.KASANE_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'kasane' } });
}

export const silentLogger = (): Logger => pino({ level: 'silent' });
