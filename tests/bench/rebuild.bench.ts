/**
 * Issue 8: a renderer rebuilding 100,000 mentions from position 0 (an empty browser profile opening
 * a seat whose log holds them), mentions per second, against a raw IndexedDB put of the same records
 * into a fresh store with the same indexes in the same run.
 */
import { backlogIntoBrowser } from './delivery.bench';

export async function run(): Promise<Record<string, unknown>> {
  return { rebuild100000: await backlogIntoBrowser(100_000, true) };
}
