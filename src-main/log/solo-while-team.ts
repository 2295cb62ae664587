/**
 * A seat configured for a team that could not join at start (the database unreachable, say) runs
 * solo on its own journal, so its agents can keep working. What it records from then on must not
 * stay behind: the journal position where the solo run began is written down, and when the seat
 * next joins its team, every entry after it goes up to the team log (ids make a repeat harmless),
 * then the note is removed. A seat that was solo by choice has no note, so nothing of its past (the
 * demo, say) is pushed into a team it joins later.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { readFileIfExists, writeFileAtomic } from '../core/fsutil';
import type { Logger } from '../core/log';
import type { LogEntry } from '../shared/log-entry';
import type { LogStore } from './log-store';

const NOTE = 'solo-while-team.json';
const PAGE = 500;

interface Note {
  logId: string;
  /** Entries after this position were recorded while the seat could not join its team. */
  position: number;
}

async function readNote(dataDir: string): Promise<Note | undefined> {
  const text = await readFileIfExists(join(dataDir, NOTE));
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Partial<Note>;
    return typeof v.logId === 'string' && typeof v.position === 'number' ? { logId: v.logId, position: v.position } : undefined;
  } catch {
    return undefined;
  }
}

/** Called when the seat falls back to its journal: keeps the earliest start of an unforwarded solo run. */
export async function noteSoloRun(dataDir: string, journal: LogStore): Promise<void> {
  const prev = await readNote(dataDir);
  if (prev?.logId === journal.logId) return;
  await writeFileAtomic(join(dataDir, NOTE), `${JSON.stringify({ logId: journal.logId, position: await journal.head() } satisfies Note)}\n`);
}

/**
 * Called once the seat has joined: sends what its journal recorded during the solo run to the team,
 * in order, page by page (the note advances with each page, so a crash resends at most one page).
 * Returns how many entries went up.
 */
export async function forwardSoloRun(dataDir: string, openJournal: () => Promise<LogStore>, submit: (entries: readonly LogEntry[]) => Promise<unknown>, log: Logger): Promise<number> {
  const note = await readNote(dataDir);
  if (!note) return 0;
  const journal = await openJournal();
  let sent = 0;
  try {
    if (journal.logId !== note.logId) {
      log.warn('the note of a solo run names another journal (the data folder was replaced); nothing to forward');
    } else {
      let after = note.position;
      for (;;) {
        const page = await journal.read(after, PAGE);
        if (!page.length) break;
        await submit(page.map((p) => p.entry));
        after = page[page.length - 1]!.position;
        sent += page.length;
        await writeFileAtomic(join(dataDir, NOTE), `${JSON.stringify({ logId: note.logId, position: after } satisfies Note)}\n`);
      }
    }
    await fs.rm(join(dataDir, NOTE), { force: true });
    if (sent) log.info(`sent ${sent} entries recorded while this seat ran solo to the team log`);
    return sent;
  } finally {
    await journal.close();
  }
}
