/** The seat's presence relay (src-main/core/presence-relay.ts) with a fake presence service. */
import { describe, expect, it } from 'vitest';
import { PresenceRelay, type PresenceLike } from '../../../src-main/core/presence-relay';
import { createLogger, setLogSink } from '../../../src-main/core/log';
import type { Presence } from '../../../src-main/shared/team';
import type { EventName, EventPayload } from '../../../src-main/shared/contract';

function fake(): PresenceLike & { writes: Array<[string | null, string]>; fire(o: Presence[]): void } {
  const listeners = new Set<(o: Presence[]) => void>();
  let now: Presence[] = [];
  const writes: Array<[string | null, string]> = [];
  return {
    writes,
    async set(m, a) {
      writes.push([m, a]);
    },
    list: () => now,
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    fire(o) {
      now = o;
      for (const cb of listeners) cb(o);
    },
  };
}
function link() {
  const got: Array<EventPayload<'presence'>> = [];
  return {
    got,
    send<E extends EventName>(e: E, p: EventPayload<E>) {
      if (e === 'presence') got.push(p as EventPayload<'presence'>);
    },
  };
}
const p = (agent: string, mentionId: string | null): Presence => ({ seat: `${agent}@1`, agent, mentionId, activity: 'viewing', heartbeatAt: new Date().toISOString() });
setLogSink(() => undefined);
const log = createLogger('t');

describe('presence relay', () => {
  it('publishes what the renderer said last; a closed renderer falls back to the other, then to nothing', async () => {
    const f = fake();
    const r = new PresenceRelay(f, log);
    r.attach(1, link());
    r.attach(2, link());
    await r.set(1, { mentionId: 'a', activity: 'viewing' });
    await r.set(2, { mentionId: 'b', activity: 'drafting' });
    await r.set(2, { mentionId: 'b', activity: 'drafting' }); // unchanged: no write
    await r.detach(2);
    await r.detach(1);
    expect(f.writes).toEqual([
      ['a', 'viewing'],
      ['b', 'drafting'],
      ['a', 'viewing'],
      [null, 'viewing'],
    ]);
  });

  it('greets a renderer with the current presence and sends only real changes to every renderer', () => {
    const f = fake();
    const r = new PresenceRelay(f, log);
    const l1 = link();
    const l2 = link();
    r.attach(1, l1);
    r.attach(2, l2);
    f.fire([p('jo', 'a')]);
    f.fire([{ ...p('jo', 'a'), heartbeatAt: '2030-01-01T00:00:00.000Z' }]); // a heartbeat re-read: same state
    r.greet(2);
    expect(l1.got.map((e) => e.others.map((o) => o.mentionId))).toEqual([['a']]);
    expect(l2.got).toHaveLength(2);
    f.fire([]);
    expect(l1.got.at(-1)).toEqual({ others: [] });
  });

  it('solo: no writes, no events, no errors', async () => {
    const r = new PresenceRelay(undefined, log);
    const l = link();
    r.attach(1, l);
    r.greet(1);
    await r.set(1, { mentionId: 'a', activity: 'drafting' });
    await r.detach(1);
    expect(l.got).toEqual([]);
  });

  it('after stop, renderers leaving write nothing (the database is closing)', async () => {
    const f = fake();
    const r = new PresenceRelay(f, log);
    r.attach(1, link());
    await r.set(1, { mentionId: 'a', activity: 'viewing' });
    r.stop();
    await r.detach(1);
    expect(f.writes).toEqual([['a', 'viewing']]);
  });
});
