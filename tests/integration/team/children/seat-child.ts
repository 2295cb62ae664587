/**
 * A seat in a child process, for tests that SIGKILL it. Modes (argv[2]):
 * - `append URL PREFIX`: appends batches to the team log forever, printing `ack <id>` per entry
 *   once its append resolved (what the seat would have acknowledged to its renderer);
 * - `submit URL PREFIX DATADIR`: the same through the Uplink (offline journal when the database is gone);
 * - `lease URL SOURCES RETRYMS`: competes for the comma-separated sources' leases, printing `acquired <id>`.
 */
import { PgLogStore } from '../../../../src-main/log/pg-log';
import { Uplink } from '../../../../src-main/team/uplink';
import { LeaseManager } from '../../../../src-main/team/leases';
import { parseDatabaseUrl } from '../../../../src-main/team/pg-connect';
import { setLogSink } from '../../../../src-main/core/log';

setLogSink(() => undefined);
const [mode, url, arg, extra] = process.argv.slice(2) as [string, string, string, string | undefined];
const out = (line: string): void => void process.stdout.write(line + '\n');

if (mode === 'append' || mode === 'submit') {
  const store = await PgLogStore.open({ databaseUrl: url, seat: `child-${process.pid}` });
  const uplink = mode === 'submit' ? new Uplink({ log: store, dataDir: extra as string, minBackoffMs: 100, maxBackoffMs: 200 }) : undefined;
  await uplink?.start();
  out('ready');
  for (let i = 0; ; i++) {
    const batch = Array.from({ length: 5 }, (_, k) => ({ id: `${arg}-${i}-${k}`, type: 'noted', at: new Date().toISOString(), text: `entry ${i}.${k}` }));
    if (uplink) {
      const r = await uplink.submit(batch);
      for (const e of batch) out(`ack ${e.id} ${r.state}`);
    } else {
      await store.append(batch);
      for (const e of batch) out(`ack ${e.id}`);
    }
  }
} else if (mode === 'lease') {
  const leases = new LeaseManager({
    db: parseDatabaseUrl(url),
    seat: `child-${process.pid}`,
    sourceIds: arg.split(','),
    retryMs: Number(extra ?? 500),
    onAcquired: (id) => out(`acquired ${id}`),
  });
  await leases.start();
  out('ready');
  setInterval(() => undefined, 1 << 30);
}
