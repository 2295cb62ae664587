/**
 * The draft behind the reply box: read from the database when the conversation opens, saved 300 ms
 * after typing stops, and saved once more on leaving so the last keystrokes are not lost.
 *
 * The text is held with the conversation it belongs to. Another conversation shows an empty box
 * from the very render that opens it, with no reset left for an effect to do afterwards: such a
 * reset, run a moment after the new conversation was on screen, wiped what the agent had already
 * typed into it.
 */
import { useEffect, useRef, useState } from 'react';
import type { EarshotDb } from '../db/schema';
import { loadDraft, saveDraft } from './drafts';

export interface Draft {
  text: string;
  /** The user typed or inserted: replaces (or updates) the text and wins over a draft still loading. */
  edit: (next: string | ((prev: string) => string)) => void;
  /** The reply went out: the box is empty and nothing is left to save. */
  clear: () => void;
}

interface Held {
  rootId: string;
  text: string;
  /** Typed before the saved draft was read: what was typed wins. */
  touched: boolean;
  /** The saved draft has been read: saving may start. */
  loaded: boolean;
}

interface Saved {
  rootId: string;
  text: string;
}

const savedFor = (saved: Saved, rootId: string): string => (saved.rootId === rootId ? saved.text : '');

export function useDraft(db: EarshotDb, rootId: string): Draft {
  const [held, setHeld] = useState<Held>({ rootId, text: '', touched: false, loaded: false });
  const mine = held.rootId === rootId;
  const text = mine ? held.text : '';
  const heldRef = useRef(held);
  heldRef.current = held;
  /** What the database holds, as far as this box knows, and for which conversation. */
  const saved = useRef<Saved>({ rootId, text: '' });

  useEffect(() => {
    let alive = true;
    void loadDraft(db, rootId).then((d) => {
      if (!alive) return;
      const stored = d?.text ?? '';
      saved.current = { rootId, text: stored };
      setHeld((prev) =>
        prev.rootId === rootId && prev.touched
          ? { ...prev, loaded: true }
          : { rootId, text: stored, touched: false, loaded: true },
      );
    });
    return () => {
      alive = false;
      // Leaving this conversation: keep what was typed in the last moment too.
      const last = heldRef.current;
      if (last.rootId === rootId && last.text !== savedFor(saved.current, rootId)) void saveDraft(db, rootId, last.text);
    };
  }, [db, rootId]);

  const loaded = mine && held.loaded;
  useEffect(() => {
    if (!loaded || text === savedFor(saved.current, rootId)) return;
    const t = setTimeout(() => {
      saved.current = { rootId, text };
      void saveDraft(db, rootId, text);
    }, 300);
    return () => clearTimeout(t);
  }, [db, text, rootId, loaded]);

  return {
    text,
    edit: (next) =>
      setHeld((prev) => {
        const same = prev.rootId === rootId;
        const before = same ? prev.text : '';
        return {
          rootId,
          text: typeof next === 'function' ? next(before) : next,
          touched: true,
          loaded: same && prev.loaded,
        };
      }),
    clear: () => {
      saved.current = { rootId, text: '' };
      setHeld((prev) => ({ rootId, text: '', touched: prev.rootId === rootId && prev.touched, loaded: prev.rootId === rootId && prev.loaded }));
    },
  };
}
