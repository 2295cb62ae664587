/** Database helpers for the SLA tests: open mentions written the way ingest writes them. */
import type { EarshotDb, MentionRecord, Status } from '../../src-renderer/db/schema';
import type { ReachTier } from '../../src-main/shared/mention';

const MIN = 60_000;

export function openMention(id: string, dueAt: number, extra: Partial<MentionRecord> & { tier?: ReachTier; status?: Status } = {}): MentionRecord {
  const { tier = 'everyday', ...rest } = extra;
  const createdMs = dueAt - 60 * MIN;
  return {
    id,
    sourceId: 'demo',
    channel: 'x',
    text: `text of ${id}`,
    createdAt: new Date(createdMs).toISOString(),
    author: { key: `x:${id}`, handle: id, name: `Author ${id}`, followers: 10 },
    reach: { score: 5, tier },
    status: 'new',
    open: 1,
    dueAt,
    createdMs,
    clockStartMs: createdMs,
    authorKey: `x:${id}`,
    tags: [],
    ...rest,
  };
}

export async function put(db: EarshotDb, ...rows: MentionRecord[]): Promise<void> {
  await db.mentions.bulkPut(rows);
}

/** Stops echarts asking jsdom for a canvas it does not have (it then estimates text widths). */
export function quietCanvas(): void {
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
}
