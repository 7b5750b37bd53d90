/**
 * A small structured logger. Client data must never reach a log: callers log ids, codes and counts,
 * and every line also passes through redact(), which masks e-mail addresses, phone-like digit runs
 * and anything under a key that can hold personal data. Sinks decide where lines go (stderr in the
 * CLI and browser host; a file in Electron's logs folder).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}
export type LogSink = (line: string) => void;

const SENSITIVE_KEYS =
  /^(name|email|phone|notes?|passphrase|password|practicePassphrase|recoveryCode|current|next|key|token|refreshToken|accessToken|birth_?date|address|patch|input)$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;

export function redactText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[number]');
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 5) return '[deep]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  if (value instanceof Error)
    return { name: value.name, message: redactText(value.message), stack: redactText(value.stack ?? '') };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SENSITIVE_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1);
    return out;
  }
  return value;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(sink: LogSink, minLevel: LogLevel = 'info', scope = 'core'): Logger {
  const write = (level: LogLevel, msg: string, data?: Record<string, unknown>): void => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const line = {
      t: new Date().toISOString(),
      level,
      scope,
      msg: redactText(msg),
      ...(data ? (redact(data) as object) : {}),
    };
    sink(JSON.stringify(line));
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

export const stderrSink: LogSink = (line) => process.stderr.write(`${line}\n`);
export const silentLogger: Logger = createLogger(() => undefined);
