/**
 * Migration 2: what seats share besides the log. Source leases (a row per source id, whose
 * `lock_key` names its session advisory lock and whose `epoch` fences a seat that lost the lease),
 * poll cursors, X read counts, reply attempts, the roster and presence. No credential is stored
 * here, ever.
 */
import type { Migration } from './index';

export const migration002: Migration = {
  version: 2,
  name: 'team',
  up: (s) => `
    CREATE TABLE ${s}.source_lease (
      source_id   text PRIMARY KEY,
      lock_key    integer GENERATED ALWAYS AS IDENTITY UNIQUE,
      epoch       bigint NOT NULL DEFAULT 0,
      holder      text,
      acquired_at timestamptz
    );
    CREATE TABLE ${s}.cursor (
      source_id    text PRIMARY KEY,
      cursor       jsonb,
      connected_at timestamptz NOT NULL,
      epoch        bigint NOT NULL DEFAULT 0,
      updated_at   timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE ${s}.x_usage (
      source_id      text PRIMARY KEY,
      month          text NOT NULL,
      reads          bigint NOT NULL,
      tracking_since timestamptz NOT NULL
    );
    CREATE TABLE ${s}.reply_attempt (
      attempt_id text PRIMARY KEY,
      state      text NOT NULL,
      record     jsonb NOT NULL,
      seat       text NOT NULL,
      version    bigint NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE ${s}.agent (
      id         text PRIMARY KEY,
      name       text NOT NULL,
      role       text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE ${s}.presence (
      seat         text PRIMARY KEY,
      agent        text NOT NULL,
      mention_id   text,
      activity     text NOT NULL,
      heartbeat_at timestamptz NOT NULL DEFAULT now()
    );
  `,
};
