// Logs go to stderr (stdout is for results): JSON lines by default in files and CI, readable
// lines on a terminal. Connection strings and passwords are redacted wherever they appear.
// pino (with its worker-thread transport code) is required only when a logger is made: every
// command imports redactText from here for its error messages, and `assay validate` of a small
// file, which logs nothing at the default level, makes none (lazyLogger).
import { createRequire } from 'node:module';
import type { Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

const require = createRequire(import.meta.url);
const loadPino = () => (require('pino') as typeof import('pino')).pino;

export type LogFormat = 'json' | 'pretty';

const SECRET_KEYS = ['password', 'passwd', 'secret', 'token', 'url', 'connectionString', 'databaseUrl', 'authorization'];

/**
 * Redacts secrets in free text: the password of any URL (`postgres://user:pw@host`, up to the
 * last @ of the authority, so a password holding @ goes too), user info without a password
 * (`https://token@hooks...`), `password=...`, and the role PostgreSQL names in its messages
 * (`role "x" does not exist`, `... for user "x"`), which is half of a login.
 */
export function redactText(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)([^/\s?#]*)@/gi, (_, scheme: string, info: string) =>
      info.includes(':') ? `${scheme}${info.slice(0, info.indexOf(':'))}:***@` : `${scheme}***@`,
    )
    .replace(/(password\s*=\s*)('[^']*'|\S+)/gi, '$1***')
    .replace(/\b(role|user)( ")((?:[^"]|"")*)"/gi, '$1$2***"');
}

export function createLogger(opts: { level?: string; format?: LogFormat; destination?: NodeJS.WritableStream | number } = {}): Logger {
  const level = opts.level ?? 'warn';
  const options = {
    level,
    base: undefined,
    redact: { paths: SECRET_KEYS.flatMap((k) => [k, `*.${k}`]), censor: (v: unknown) => (typeof v === 'string' ? redactText(v) : '***') },
    hooks: {
      logMethod(args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? redactText(a) : a)),
        );
      },
    },
  };
  const format = opts.format ?? (process.stderr.isTTY ? 'pretty' : 'json');
  if (format === 'pretty') {
    // Loaded only for the pretty format (createLogger is synchronous, hence require): JSON logs
    // and commands that log nothing don't pay for it.
    const pretty = require('pino-pretty') as typeof PinoPretty;
    return loadPino()(
      options,
      pretty({
        destination: typeof opts.destination === 'number' ? opts.destination : 2,
        sync: true,
        colorize: process.stderr.isTTY,
        ignore: 'pid,hostname',
      }),
    );
  }
  const pino = loadPino();
  return pino(options, (opts.destination as never) ?? pino.destination({ fd: 2, sync: true }));
}

export function silentLogger(): Logger {
  return loadPino()({ level: 'silent' });
}

/** The log calls of a command that logs little: each as pino's. */
export type CommandLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/**
 * A logger made on the first call at an enabled level: a validation that has nothing to say at
 * the level asked for (the default warn, or --quiet) never loads pino.
 */
export function lazyLogger(opts: { level?: string; format?: LogFormat } = {}): CommandLogger {
  const threshold = LEVELS[opts.level ?? 'warn'] ?? Infinity;
  let logger: Logger | undefined;
  const method =
    (name: keyof CommandLogger) =>
    (...args: unknown[]): void => {
      if (LEVELS[name]! < threshold) return;
      logger ??= createLogger(opts);
      (logger[name] as (...a: unknown[]) => void)(...args);
    };
  return { debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') };
}
