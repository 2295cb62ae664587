import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { render, screen, waitFor, cleanup, configure, fireEvent } from '@testing-library/react';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { recordReply, resolve, addNote } from '../../src-renderer/db/actions';
import { loadThread } from '../../src-renderer/conversation/thread';
import { loadAuthorHistory } from '../../src-renderer/authors/author-data';
import { linkAuthors, linkedKeys, unlinkAuthor, findAuthors } from '../../src-renderer/authors/links';
import { importCustomers } from '../../src-renderer/customers/import';
import { AuthorPanel, historyLine } from '../../src-renderer/authors/AuthorPanel';
import { saveSettings } from '../../src-renderer/settings/settings';
import { useUi } from '../../src-renderer/state/ui-store';
import { freshDb, ingest, mention, at } from './helpers/db';
import { memoryBridge, resetUi } from './helpers/dom';
import { confirmPending } from './helpers/log';

configure({ asyncUtilTimeout: 4000 });
const dana = { key: 'x:100', handle: 'danawhit', name: 'Dana Whitfield', followers: 212 };
const danaStore = { key: 'appstore:Dana W', handle: 'Dana W', name: 'Dana W', followers: null };
const mk = { agent: 'mk' };

describe('conversation and author', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    resetUi();
    memoryBridge();
    db = await freshDb();
    await ingest(db, [
      mention('x:900', at(-30), { author: { key: 'x:1', handle: 'AcmeAir', name: 'Acme Air', followers: 90000 }, text: 'Flights to Lisbon are back on schedule', conversationId: '900' }),
      mention('x:1000', at(0), { author: dana, text: 'Not mine, AA123 still cancelled', conversationId: '900', inReplyToId: '900' }),
      mention('feed:appstore-us:r1', at(-3000), { channel: 'appstore', sourceId: 'appstore-us', author: danaStore, text: 'App logs me out', rating: 1 }),
    ]);
    await recordReply(db, 'x:1000', { via: 'x', text: 'Sorry Dana, rebooking you now', replyId: '5000', url: 'https://x.com/AcmeAir/status/5000', postedAt: at(30) }, { agent: 'mk', now: () => Date.parse(at(30)) });
    await resolve(db, ['x:1000'], { agent: 'mk', now: () => Date.parse(at(40)) });
    // A follow-up is decided on what the log says (shared/follow-ups.ts): the reply has come back.
    await confirmPending(db);
    await ingest(db, [mention('x:1001', at(90), { author: dana, text: 'Thanks, got the new seat', conversationId: '900', inReplyToId: '5000' })]);
  });
  afterEach(cleanup);

  it('the thread holds what it replied to, our reply, the follow-up and what the team did, in time order', async () => {
    const t = (await loadThread(db, 'x:1001'))!;
    expect(t.root.id).toBe('x:1000');
    const kinds = t.items.map((i) => (i.kind === 'message' ? `${i.role}:${i.mention.id}` : `${i.kind}:${i.event.type}`));
    // The reopen is stamped when it was heard (now), after everything else here.
    expect(kinds).toEqual(['parent:x:900', 'root:x:1000', 'reply:replied', 'activity:assigned', 'activity:resolved', 'customer:x:1001', 'activity:reopened']);
    expect(t.replyTarget.id).toBe('x:1001');
  });

  it('links identities by hand, merges groups, and unlinks', async () => {
    await linkAuthors(db, 'x:100', 'appstore:Dana W');
    expect(await linkedKeys(db, 'appstore:Dana W')).toEqual(['appstore:Dana W', 'x:100']);
    await ingest(db, [mention('r:1', at(5), { channel: 'reddit', author: { key: 'reddit:dw', handle: 'dw', name: 'dw', followers: null } })]);
    await linkAuthors(db, 'reddit:dw', 'x:100');
    expect((await linkedKeys(db, 'x:100')).sort()).toEqual(['appstore:Dana W', 'reddit:dw', 'x:100']);
    await unlinkAuthor(db, 'reddit:dw');
    expect((await linkedKeys(db, 'x:100')).sort()).toEqual(['appstore:Dana W', 'x:100']);
    expect((await findAuthors(db, '@DANAWHIT')).map((a) => a.key)).toEqual(['x:100']);
  });

  it('the author history spans linked identities, with answer times, notes and the customer match', async () => {
    await linkAuthors(db, 'x:100', 'appstore:Dana W');
    await addNote(db, 'x:1000', 'Rebooked on AA125', mk);
    await importCustomers(db, [{ id: 'C-1', name: 'Dana Whitfield', handles: ['x:danawhit'], plan: 'Gold', standing: 'open ticket', since: '2019-04-02', extra: { 'Lifetime value': '12400' }, importedAt: at(0) }]);
    const h = await loadAuthorHistory(db, 'appstore:Dana W', Date.parse(at(100)));
    expect(h.mentions.map((m) => m.id)).toEqual(['x:1001', 'x:1000', 'feed:appstore-us:r1']);
    expect(h.answered).toBe(1);
    expect(h.lastAnswerMs).toBe(30 * 60_000);
    expect(h.notes[0]!.data?.text).toBe('Rebooked on AA125');
    expect(h.customer?.id).toBe('C-1');
    expect(historyLine(h)).toContain('answered in 30m');
  });

  it('the panel shows “customer since 2019, Gold, open ticket” and adds a note', async () => {
    await importCustomers(db, [{ id: 'C-1', handles: ['x:danawhit'], plan: 'Gold', standing: 'open ticket', since: '2019-04-02', extra: {}, importedAt: at(0) }]);
    const settings = await saveSettings(db, { initials: 'MK' });
    useUi.getState().setIdentity('mk', settings.role, settings);
    const m = (await db.mentions.get('x:1000'))!;
    render(<AuthorPanel mention={m} />);
    expect((await screen.findByTestId('customer-card')).textContent).toContain('customer since 2019, Gold, open ticket');
    await waitFor(() => expect(screen.getByTestId('author-panel').textContent).toContain('answered in 30m'));
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Prefers DMs' } });
    fireEvent.click(screen.getByText('Add note'));
    await waitFor(() => expect(screen.getByTestId('author-panel').textContent).toContain('Prefers DMs'));
    expect((await db.events.filter((e) => e.type === 'noted').toArray())[0]).toMatchObject({ agent: 'mk', mentionId: 'x:1000' });
  });
});
