import { useCallback, useEffect } from 'react';
import { create } from 'zustand';
import { getDb } from '../db/schema';
import { useSources } from '../state/sources-store';
import { seedDemoHistory } from './seed';

/** How many seeding calls are writing right now (a screen opened twice, React's double effects). */
const useWriting = create<{ calls: number }>(() => ({ calls: 0 }));
const setWriting = (delta: number): void => useWriting.setState((s) => ({ calls: s.calls + delta }));

/**
 * With the demo source in use and no history of its own, the database gets a few weeks of demo
 * history (once; seeding twice at once is safe). `onSeeded` runs when history was written now.
 */
export function useDemoHistory(onSeeded: () => void): void {
  const demoInUse = useSources((s) => s.sources.some((x) => x.kind === 'demo'));
  const seeded = useCallback(onSeeded, [onSeeded]);
  useEffect(() => {
    if (!demoInUse) return;
    let counted = false;
    seedDemoHistory(getDb(), Date.now(), () => {
      counted = true;
      setWriting(1);
    })
      .then(
        (res) => res && seeded(),
        (e: unknown) => console.warn('demo history could not be written', e),
      )
      .finally(() => counted && setWriting(-1));
  }, [demoInUse, seeded]);
}

/** Whether the demo history is being written now: the report says so rather than showing an empty one. */
export function useDemoHistoryWriting(): boolean {
  return useWriting((s) => s.calls > 0);
}
