/**
 * Migration 1: the log. Positions are handed out from a one-row counter that every appending
 * transaction updates, so appends are serialised and positions become visible in order (a reader
 * never skips a position whose transaction commits late, which a bare bigserial allows).
 * The entry is kept as the exact JSON text it was appended with, so every seat reads it byte for byte.
 */
import type { Migration } from './index';

export const migration001: Migration = {
  version: 1,
  name: 'log',
  up: (s) => `
    CREATE TABLE ${s}.log (
      position    bigint PRIMARY KEY,
      id          text NOT NULL UNIQUE,
      type        text NOT NULL,
      entry       text NOT NULL,
      seat        text NOT NULL,
      appended_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE ${s}.log_head (
      one      boolean PRIMARY KEY DEFAULT true CHECK (one),
      position bigint NOT NULL
    );
    INSERT INTO ${s}.log_head (position) VALUES (0);
  `,
};
