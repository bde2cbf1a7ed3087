/** A plain structured logger for hosts without their own (browser host, tests). */
import type { LogFields, Logger } from './ports.ts';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createConsoleLogger(
  minimum: Level = 'info',
  write: (line: string) => void = (l) => console.error(l),
): Logger {
  const log = (level: Level) => (message: string, fields?: LogFields) => {
    if (order[level] < order[minimum]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
