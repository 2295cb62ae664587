/**
 * The draft behind the reply box: read from the database when the conversation opens, saved 300 ms
 * after typing stops, and saved once more on leaving so the last keystrokes are not lost.
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

export function useDraft(db: EarshotDb, rootId: string): Draft {
  const [text, setText] = useState('');
  const [loadedFor, setLoadedFor] = useState<string>();
  const textRef = useRef(text);
  textRef.current = text;
  const savedText = useRef('');
  /** Typed before the saved draft was read: what was typed wins. */
  const touched = useRef(false);

  useEffect(() => {
    let alive = true;
    touched.current = false;
    setLoadedFor(undefined);
    setText('');
    void loadDraft(db, rootId).then((d) => {
      if (!alive) return;
      savedText.current = d?.text ?? '';
      if (!touched.current) setText(d?.text ?? '');
      setLoadedFor(rootId);
    });
    return () => {
      alive = false;
      // Leaving this conversation: keep what was typed in the last moment too.
      if (textRef.current !== savedText.current) void saveDraft(db, rootId, textRef.current);
    };
  }, [db, rootId]);

  useEffect(() => {
    if (loadedFor !== rootId || text === savedText.current) return;
    const t = setTimeout(() => {
      savedText.current = text;
      void saveDraft(db, rootId, text);
    }, 300);
    return () => clearTimeout(t);
  }, [db, text, rootId, loadedFor]);

  return {
    text,
    edit: (next) => {
      touched.current = true;
      setText(next);
    },
    clear: () => {
      savedText.current = '';
      setText('');
    },
  };
}
