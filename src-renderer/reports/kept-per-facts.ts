/**
 * Values kept per facts object under string keys (reports a lead switches between), the one kept
 * longest ago dropped beyond a limit; gone with the facts (a WeakMap). engine.ts keeps whole reports
 * this way, facts-report.ts the last outcome table and tallies of each.
 */
import type { Facts } from './facts';

export class KeptPerFacts<T> {
  private readonly byFacts = new WeakMap<Facts, Map<string, T>>();

  constructor(private readonly limit: number) {}

  get(f: Facts, key: string): T | undefined {
    return this.byFacts.get(f)?.get(key);
  }

  /** Keeps `value` under `key` as the most recent; the oldest goes once `limit` are kept. */
  keep(f: Facts, key: string, value: T): void {
    let byKey = this.byFacts.get(f);
    if (!byKey) this.byFacts.set(f, (byKey = new Map()));
    byKey.delete(key);
    if (byKey.size >= this.limit) byKey.delete(byKey.keys().next().value!);
    byKey.set(key, value);
  }
}
