import { useCallback, useEffect } from 'react';
import { getDb } from '../db/schema';
import { useSources } from '../state/sources-store';
import { seedDemoHistory } from './seed';

/**
 * With the demo source in use and no history of its own, the database gets a few weeks of demo
 * history (once; seeding twice at once is safe). `onSeeded` runs when history was written now.
 */
export function useDemoHistory(onSeeded: () => void): void {
  const demoInUse = useSources((s) => s.sources.some((x) => x.kind === 'demo'));
  const seeded = useCallback(onSeeded, [onSeeded]);
  useEffect(() => {
    if (!demoInUse) return;
    seedDemoHistory(getDb()).then(
      (res) => res && seeded(),
      (e: unknown) => console.warn('demo history could not be written', e),
    );
  }, [demoInUse, seeded]);
}
