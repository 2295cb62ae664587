/**
 * Migration 4: entries by type. A seat adopts the team's latest topic rules at start and follows
 * new ones without reading every mention in the log (PgLogStore.latestOfType / readOfType).
 */
import type { Migration } from './index';

export const migration004: Migration = {
  version: 4,
  name: 'log entries by type',
  up: (s) => `
    CREATE INDEX IF NOT EXISTS log_type_position ON ${s}.log (type, position);
  `,
};
