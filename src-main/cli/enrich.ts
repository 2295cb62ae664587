/**
 * `npm run --silent enrich -- --input FILE [--topics FILE]`: reads mentions (JSON lines; lang,
 * sentiment and topics may be missing) and prints them with lang, sentiment and topics filled in,
 * one per line, computed by the very Enricher the app runs when it hears a mention and validated by
 * the same schema, so the output is what the app stores.
 *
 * --input FILE   mentions, one JSON object per line; "-" reads standard input. Blank lines are skipped.
 * --topics FILE  topic rules (INTERFACES.md "Topic rules"); without it no rule matches (topics: []).
 *
 * Exit status: 0 done; 1 the input could not be read or has a bad line (stderr names each line and
 * field, and nothing is printed, so a partial output is never mistaken for the whole); 2 bad
 * arguments or a bad topics file.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MentionSchema, type Mention } from '../shared/mention';
import { describeZodError } from '../shared/contract';
import type { TopicRules } from '../shared/enrich/topic-rules';
import { Enricher } from '../enrich/enrich';
import { parseTopicRules } from '../enrich/topics';

const USAGE = 'usage: npm run --silent enrich -- --input FILE [--topics FILE]';
const MAX_LINE_ERRORS = 20;

class Exit extends Error {
  constructor(
    readonly code: 1 | 2,
    message: string,
  ) {
    super(message);
  }
}

function readText(file: string, what: string, code: 1 | 2): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new Exit(code, `cannot read the ${what} ${file}: ${(e as Error).message}`);
  }
}

function parseMentions(text: string, file: string): Mention[] {
  const mentions: Mention[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      errors.push(`${file}:${i + 1}: not JSON: ${(e as Error).message}`);
      return;
    }
    const r = MentionSchema.safeParse(json);
    if (r.success) mentions.push(r.data);
    else errors.push(`${file}:${i + 1}: ${describeZodError('mention', r.error)}`);
  });
  if (errors.length > 0) {
    const more = errors.length > MAX_LINE_ERRORS ? `\nand ${errors.length - MAX_LINE_ERRORS} more bad lines` : '';
    throw new Exit(1, `${errors.slice(0, MAX_LINE_ERRORS).join('\n')}${more}`);
  }
  return mentions;
}

export function run(argv: string[]): string {
  let values;
  try {
    values = parseArgs({ args: argv, options: { input: { type: 'string' }, topics: { type: 'string' } }, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new Exit(2, `${(e as Error).message}\n${USAGE}`);
  }
  if (!values.input) throw new Exit(2, `--input is required\n${USAGE}`);
  let rules: TopicRules = { topics: [] };
  if (values.topics) {
    try {
      rules = parseTopicRules(readText(values.topics, 'topics file', 2), values.topics);
    } catch (e) {
      throw e instanceof Exit ? e : new Exit(2, (e as Error).message);
    }
  }
  const mentions = parseMentions(readText(values.input, 'input', 1), values.input);
  const enricher = new Enricher(rules);
  // Parsed again after enriching, exactly as the poller does before the outbox: same fields, same order.
  return mentions.map((m) => JSON.stringify(MentionSchema.parse(enricher.enrich(m))) + '\n').join('');
}

export function main(argv: string[]): number {
  try {
    process.stdout.write(run(argv));
    return 0;
  } catch (e) {
    if (e instanceof Exit) {
      process.stderr.write(`enrich: ${e.message}\n`);
      return e.code;
    }
    throw e;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`enrich: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  }
}
