/**
 * Builds the log the core runs on. `journal` (solo, the default) lives in `<dataDir>/log`; the
 * PostgreSQL backend (team) plugs in here as another kind, so the core, delivery, the poller and the
 * CLIs never name a backend.
 */
import { join } from 'node:path';
import type { Logger } from '../core/log';
import { JournalLog } from './journal-log';
import { importOutbox } from './import-outbox';
import type { LogStore } from './log-store';

export type LogStoreConfig = { kind: 'journal'; dataDir: string; maxSegmentBytes?: number; log?: Logger };

export async function createLogStore(config: LogStoreConfig): Promise<LogStore> {
  switch (config.kind) {
    case 'journal': {
      const store = await JournalLog.open(join(config.dataDir, 'log'), { maxSegmentBytes: config.maxSegmentBytes, log: config.log });
      // Earlier versions kept undelivered mentions in an outbox journal: bring them into the log once.
      await importOutbox(config.dataDir, store, config.log);
      return store;
    }
  }
}
