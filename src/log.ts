// Logs go to stderr (stdout is for results): JSON lines by default in files and CI, readable
// lines on a terminal. Connection strings and passwords are redacted wherever they appear.
import { createRequire } from 'node:module';
import { pino, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

const require = createRequire(import.meta.url);

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
    return pino(
      options,
      pretty({
        destination: typeof opts.destination === 'number' ? opts.destination : 2,
        sync: true,
        colorize: process.stderr.isTTY,
        ignore: 'pid,hostname',
      }),
    );
  }
  return pino(options, (opts.destination as never) ?? pino.destination({ fd: 2, sync: true }));
}

export const silentLogger: Logger = pino({ level: 'silent' });
