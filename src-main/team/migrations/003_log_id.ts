/**
 * Migration 3: the log's id. A renderer remembers which log its applied position belongs to; a
 * position from another log (another database, or the solo journal) means nothing here, so the
 * renderer starts again from 0. Chosen once, by the database, when the table is created.
 */
import type { Migration } from './index';

export const migration003: Migration = {
  version: 3,
  name: 'log id',
  up: (s) => `
    ALTER TABLE ${s}.log_head ADD COLUMN log_id text NOT NULL DEFAULT gen_random_uuid()::text;
  `,
};
