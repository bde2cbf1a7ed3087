/** A logger for the core's tests that keeps its warnings and drops the rest. */
import type { Logger } from '../ports.ts';

export function recordingLogger(): Logger & { warned: string[] } {
  const warned: string[] = [];
  const ignore = () => undefined;
  return {
    debug: ignore,
    info: ignore,
    warn: (message: string) => warned.push(message),
    error: ignore,
    warned,
  };
}
