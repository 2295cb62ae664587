/** Earshot's schema migrations, one file per numbered step (never edit a step once released). */
import { migration001 } from './001_log';
import { migration002 } from './002_team';
import { migration003 } from './003_log_id';
import { migration004 } from './004_log_type_index';

export interface Migration {
  version: number;
  name: string;
  /** SQL for the step, given the quoted schema name. */
  up(schema: string): string;
}

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004];
export const LATEST_VERSION = MIGRATIONS.reduce((m, x) => Math.max(m, x.version), 0);
