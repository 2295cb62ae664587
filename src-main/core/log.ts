/**
 * Named loggers that write one line per event to stderr. Secrets registered with `redactSecret`
 * are replaced before a line is written, so a token that slips into an error message never
 * reaches a log.
 */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(name: string): Logger;
}

const secrets = new Set<string>();
let sink: (line: string) => void = (line) => process.stderr.write(line + '\n');
let quiet = false;

export function redactSecret(value: string | undefined): void {
  if (value && value.length >= 6) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

/** Tests and CLIs may capture or silence log output. */
export function setLogSink(fn: ((line: string) => void) | null, opts: { quiet?: boolean } = {}): void {
  sink = fn ?? ((line) => process.stderr.write(line + '\n'));
  quiet = opts.quiet ?? false;
}

export function createLogger(name: string): Logger {
  const write = (level: string, msg: string, fields?: Record<string, unknown>): void => {
    if (quiet && level === 'info') return;
    const extra = fields && Object.keys(fields).length ? ' ' + JSON.stringify(fields) : '';
    sink(redact(`${new Date().toISOString()} ${level} [${name}] ${msg}${extra}`));
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (n) => createLogger(`${name}/${n}`),
  };
}
