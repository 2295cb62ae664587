/** Edit the saved replies: title and text with {name}, {handle}, {agent}, {signoff}. */
import { useEffect, useState } from 'react';
import { getDb } from '../db/schema';
import { storeSavedReplies, useSavedReplies, VARIABLES, type SavedReply } from '../composer/saved-replies';

export function SavedRepliesEditor() {
  const stored = useSavedReplies();
  const [list, setList] = useState<SavedReply[]>(stored);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setList(stored);
  }, [stored, dirty]);
  const edit = (i: number, patch: Partial<SavedReply>): void => {
    setDirty(true);
    setList((l) => l.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const save = async (): Promise<void> => {
    await storeSavedReplies(getDb(), list.filter((r) => r.text.trim()));
    setDirty(false);
  };
  return (
    <div className="saved-editor">
      <p className="muted small">Variables: {VARIABLES.join(' ')} — the author’s first name, their @handle, your name, your sign-off.</p>
      {list.map((r, i) => (
        <div key={r.id} className="saved-row">
          <input aria-label="Title" value={r.title} onChange={(e) => edit(i, { title: e.target.value })} />
          <textarea aria-label="Text" rows={2} value={r.text} onChange={(e) => edit(i, { text: e.target.value })} />
          <button className="btn-link btn-danger" onClick={() => (setDirty(true), setList((l) => l.filter((_, j) => j !== i)))}>
            Remove
          </button>
        </div>
      ))}
      <div className="form-actions">
        <button className="btn" onClick={() => (setDirty(true), setList((l) => [...l, { id: `r-${crypto.randomUUID()}`, title: 'New reply', text: 'Hi {name}, … {signoff}' }]))}>
          Add a reply
        </button>
        <button className="btn btn-primary" disabled={!dirty} onClick={() => void save()}>
          Save replies
        </button>
      </div>
    </div>
  );
}
