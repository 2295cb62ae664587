/**
 * What keys and buttons do in the inbox: each command finds its targets (the x-selection, else the
 * open mention), runs a workflow action from db/actions.ts, offers Undo, and moves the cursor the way
 * a mail client does. Taking a mention (n, assign to me) and sending go through the skip guard.
 */
import { useMemo } from 'react';
import { getDb } from '../db/schema';
import * as actions from '../db/actions';
import { firstTakeable } from '../db/queries';
import { useSkipGuard, type SkipGuard } from '../sla/skip-guard';
import { useUi } from '../state/ui-store';

export interface InboxCommands {
  /** The x-selection if any, else the open mention; `only` names them outright (the thread's buttons). */
  targets(only?: string[]): string[];
  next(): Promise<void>;
  assignTo(agent: string, only?: string[]): Promise<void>;
  /**
   * Takes the one mention targeted, shown unassigned (the thread's Take): first-come, as `n` takes.
   * A teammate's take written here before this one keeps it theirs, and the log's notice says so.
   */
  take(only?: string[]): Promise<void>;
  unassign(only?: string[]): Promise<void>;
  toggleTag(tag: string, only?: string[]): Promise<void>;
  resolve(only?: string[]): Promise<void>;
  noise(only?: string[]): Promise<void>;
  reopen(only?: string[]): Promise<void>;
  undoLast(): Promise<void>;
  move(delta: number): void;
  open(): void;
  toggleCheck(): void;
  checkAll(): void;
}

function ui() {
  return useUi.getState();
}

async function perform(make: () => Promise<actions.UndoRecord>, opts: { bulk: boolean; leaving?: boolean; ids: readonly string[]; quietIfUnchanged?: boolean }): Promise<void> {
  const s = ui();
  // The open mention is about to leave the view: the cursor goes to the one below, as in mail.
  let after: string | undefined;
  if (opts.leaving && !opts.bulk && s.selectedId) {
    const i = opts.ids.indexOf(s.selectedId);
    if (i >= 0) after = opts.ids[i + 1] ?? opts.ids[i - 1];
  }
  try {
    const rec = await make();
    if (rec.changes.length === 0) {
      if (!opts.quietIfUnchanged) s.showToast('Nothing to change');
      return;
    }
    s.pushUndo(rec);
    s.showToast(rec.label, { undo: rec });
    if (opts.bulk) s.clearChecked();
    if (after !== undefined) s.select(after);
  } catch (e) {
    s.showToast(`That did not work: ${(e as Error).message}`, { tone: 'error' });
  }
}

export function makeCommands(ids: readonly string[], guard: SkipGuard): InboxCommands {
  const db = getDb();
  const targets = (only?: string[]): string[] => {
    if (only) return only;
    const s = ui();
    if (s.checked.size) {
      // In the view's order (earliest due first), then any picked before the filter changed.
      const inView = ids.filter((id) => s.checked.has(id));
      if (inView.length === s.checked.size) return inView;
      const listed = new Set(inView);
      return inView.concat([...s.checked].filter((id) => !listed.has(id)));
    }
    return s.selectedId ? [s.selectedId] : [];
  };
  const bulk = (only?: string[]): boolean => !only && ui().checked.size > 0;
  const actor = (): actions.Actor => ({ agent: ui().agent });

  // Read marks are bookkeeping: a failed one is not worth a toast, and must not go unhandled.
  const markSeen = (id: string): void => void actions.markSeen(db, id).catch((e: unknown) => console.warn('earshot: could not mark the mention seen', e));

  /** Whether it was taken (here or, first-come, by a teammate before); a failed write is said in a toast. */
  const takeOne = async (id: string): Promise<boolean> => {
    if (!(await guard(id, ids))) return false;
    try {
      const rec = await actions.take(db, id, actor());
      if (rec.changes.length) ui().pushUndo(rec);
      return true;
    } catch (e) {
      ui().showToast(`That did not work: ${(e as Error).message}`, { tone: 'error' });
      return false;
    }
  };

  return {
    targets,
    async next() {
      const id = await firstTakeable(db, ids, ui().agent).catch((e: unknown) => {
        ui().showToast(`The next mention could not be found: ${(e as Error).message}`, { tone: 'error' });
        return null;
      });
      if (id === null) return;
      if (!id) {
        ui().showToast('Nothing in this view is waiting for you. Try “All open”, or take a break.');
        return;
      }
      if (!(await takeOne(id))) return;
      ui().select(id);
      markSeen(id);
    },
    async assignTo(agent, only) {
      const t = targets(only);
      if (!t.length) return;
      if (agent === ui().agent && t.length === 1) {
        if (!(await guard(t[0]!, ids))) return;
      }
      await perform(() => actions.assign(db, t, agent, actor()), { bulk: bulk(only), ids });
    },
    async take(only) {
      const t = targets(only);
      if (t.length !== 1 || !(await guard(t[0]!, ids))) return;
      // Unchanged: a teammate's take came first; the log's notice names them (db/apply.ts).
      await perform(() => actions.take(db, t[0]!, actor()), { bulk: false, ids, quietIfUnchanged: true });
    },
    async unassign(only) {
      const t = targets(only);
      if (t.length) await perform(() => actions.unassign(db, t, actor()), { bulk: bulk(only), ids });
    },
    async toggleTag(tagName, only) {
      const t = targets(only);
      if (!t.length || !tagName.trim()) return;
      await perform(
        async () => {
          const added = await actions.tag(db, t, tagName, actor());
          return added.changes.length ? added : actions.tag(db, t, tagName, actor(), true);
        },
        { bulk: bulk(only), ids },
      );
    },
    async resolve(only) {
      const t = targets(only);
      if (t.length) await perform(() => actions.resolve(db, t, actor()), { bulk: bulk(only), leaving: true, ids });
    },
    async noise(only) {
      const t = targets(only);
      if (t.length) await perform(() => actions.markNoise(db, t, actor()), { bulk: bulk(only), leaving: true, ids });
    },
    async reopen(only) {
      const t = targets(only);
      if (t.length) await perform(() => actions.reopen(db, t, actor()), { bulk: bulk(only), ids });
    },
    async undoLast() {
      const rec = ui().popUndo();
      if (!rec) {
        ui().showToast('Nothing to undo');
        return;
      }
      const n = await actions.undo(db, rec, actor());
      ui().showToast(n === rec.changes.length ? `Undone: ${rec.label}` : `Undone for ${n} of ${rec.changes.length}; the rest changed since`);
    },
    move(delta) {
      if (!ids.length) return;
      const s = ui();
      const i = s.selectedId ? ids.indexOf(s.selectedId) : -1;
      const j = i < 0 ? (delta > 0 ? 0 : ids.length - 1) : Math.max(0, Math.min(ids.length - 1, i + delta));
      s.select(ids[j]);
    },
    open() {
      const s = ui();
      if (!s.selectedId) {
        if (ids[0]) s.select(ids[0]);
        return;
      }
      markSeen(s.selectedId);
      s.setReading(true);
      s.requestFocus('thread');
    },
    toggleCheck() {
      const s = ui();
      if (s.selectedId) s.toggleChecked(s.selectedId);
    },
    checkAll() {
      const s = ui();
      s.setChecked(s.checked.size === ids.length ? [] : ids);
    },
  };
}

export function useInboxCommands(ids: readonly string[] | undefined): InboxCommands {
  const guard = useSkipGuard();
  return useMemo(() => makeCommands(ids ?? [], guard), [ids, guard]);
}
