/**
 * The open conversation: who wrote, its clock, what we can do to it, every message and reply in
 * time order, and the reply box at the bottom.
 */
import { useEffect, useRef } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/schema';
import { useUi } from '../state/ui-store';
import { loadThread } from './thread';
import { ThreadHeader } from './ThreadHeader';
import { ThreadEntry } from './ThreadEntry';
import { Composer } from '../composer/Composer';
import type { InboxCommands } from '../inbox/commands';
import './conversation.css';

export function ThreadPane({ id, viewIds, commands }: { id: string | undefined; viewIds: readonly string[]; commands: InboxCommands }) {
  // Read with the id it was read for: until the newly selected mention's thread is read, the pane
  // still shows the last one, and its reply box takes no typing (that would go to the last
  // conversation; on a loaded machine an agent can click and type within that moment).
  const read = useLiveQuery(async () => (id ? { id, thread: await loadThread(getDb(), id) } : undefined), [id]);
  const thread = read?.thread;
  const stale = read !== undefined && read.id !== id;
  const focus = useUi((s) => s.focus);
  const body = useRef<HTMLDivElement>(null);
  const lastCount = useRef(0);

  useEffect(() => {
    if (focus.target === 'thread') body.current?.focus({ preventScroll: true });
  }, [focus]);

  // Newest at the bottom, beside the reply box: scroll there when a conversation opens or grows.
  const size = thread?.items.length ?? 0;
  useEffect(() => {
    if (size !== lastCount.current && body.current) body.current.scrollTop = body.current.scrollHeight;
    lastCount.current = size;
  }, [size, thread?.root.id]);

  if (!id) {
    return (
      <section className="thread thread-empty" aria-label="Conversation">
        <p>
          Select a mention, or press <kbd>n</kbd> to take the next one due. <kbd>?</kbd> shows every shortcut.
        </p>
      </section>
    );
  }
  if (!thread) return <section className="thread thread-empty" aria-label="Conversation" />;
  return (
    <section className="thread" aria-label="Conversation" data-testid="thread" aria-busy={stale || undefined}>
      <ThreadHeader m={thread.root} messageCount={thread.messageCount} viewIds={viewIds} commands={commands} />
      {/* A tab stop of its own: the messages scroll, and a keyboard must be able to scroll them (shown when the panes stack at 200% zoom). */}
      <div className="thread-body" ref={body} tabIndex={0} role="region" aria-label="Messages">
        {thread.items.map((item) => (
          <ThreadEntry key={item.kind === 'message' ? item.mention.id : item.event.id} item={item} rootId={thread.root.id} />
        ))}
      </div>
      <Composer root={thread.root} target={thread.replyTarget} viewIds={viewIds} stale={stale} />
    </section>
  );
}
