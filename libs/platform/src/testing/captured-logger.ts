import { createLogger, type HubLogger } from '../logging';

/** A logger whose JSON lines are collected in memory, for assertions on what gets logged. */
export function capturedLogger(level: 'info' | 'debug' = 'info'): { logger: HubLogger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}
