/** Live reads the inbox screen needs, each a thin hook over db/queries.ts. */
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/schema';
import { filteredIdsByDue, knownAgents, knownSources, knownTags, savedViews, unreadCounts } from '../db/queries';
import { BUILTIN_VIEWS, parseFilter, type InboxFilter, type ViewDef } from './filter';
import { useThrottledLiveQuery } from './throttled-live-query';

/**
 * Ordered ids of the mentions the filter lets through; undefined while the first read runs. While a
 * new filter is being applied the previous list stays on screen and `current` is false.
 */
export function useInboxIds(filter: InboxFilter, me: string): { ids: string[] | undefined; current: boolean } {
  const key = JSON.stringify([filter, me]);
  const r = useLiveQuery(async () => ({ key, ids: await filteredIdsByDue(getDb(), filter, me) }), [key]);
  return { ids: r?.ids, current: r?.key === key };
}

/** Built-in views, then the saved ones in the order they were made. */
export function useViews(): ViewDef[] {
  const saved = useLiveQuery(() => savedViews(getDb()), []);
  return [...BUILTIN_VIEWS, ...(saved ?? []).map((v) => ({ id: v.id, name: v.name, filter: parseFilter(v.filter), builtin: false }))];
}

/** Unread per view, recounted at most every 1.5 s while mentions stream in. */
export function useUnreadCounts(views: ViewDef[], me: string): Record<string, number> | undefined {
  const key = JSON.stringify(views.map((v) => [v.id, v.filter]));
  return useThrottledLiveQuery(() => unreadCounts(getDb(), views, me), [key, me], { tables: ['mentions'], intervalMs: 1500 });
}

export interface FilterChoices {
  tags: string[];
  agents: string[];
  sources: string[];
}

export function useFilterChoices(): FilterChoices {
  const r = useThrottledLiveQuery(
    async () => {
      const db = getDb();
      const [tags, agents, sources] = await Promise.all([knownTags(db), knownAgents(db), knownSources(db)]);
      return { tags, agents, sources };
    },
    [],
    { tables: ['mentions'], intervalMs: 3000 },
  );
  return r ?? { tags: [], agents: [], sources: [] };
}
