/**
 * Between the renderers of one seat and the team's presence (src-main/team/presence.ts): each
 * renderer (a window, a browser tab) says which mention it has open and whether it is drafting;
 * the seat publishes the one said last by a renderer still connected, and nothing once they have
 * all gone (a closed tab must not keep showing "mk has this open" to the team). The other seats'
 * presence goes to every renderer as a `presence` event, whole, only when it changed. Solo: no
 * presence service, so every call is a no-op and no event is sent.
 */
import type { ClientLink } from './delivery';
import type { Presence, PresenceInput } from '../shared/team';
import type { Logger } from './log';

/** The part of PresenceService the relay uses (tests give a fake). */
export interface PresenceLike {
  set(mentionId: string | null, activity: Presence['activity']): Promise<void>;
  list(): Presence[];
  onChange(cb: (others: Presence[]) => void): () => void;
}

interface Client {
  link: ClientLink;
  said?: PresenceInput & { n: number };
}

const key = (p: PresenceInput | undefined): string => JSON.stringify(p ? [p.mentionId, p.activity] : [null, 'viewing']);
const eventKey = (others: Presence[]): string => JSON.stringify(others.map((p) => [p.seat, p.agent, p.mentionId, p.activity]));

export class PresenceRelay {
  private readonly clients = new Map<number, Client>();
  private said = 0;
  private published = key(undefined);
  private writing: Promise<void> = Promise.resolve();
  private lastEvent: string | undefined;
  private readonly off: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly presence: PresenceLike | undefined,
    private readonly log: Logger,
  ) {
    this.off = presence?.onChange((others) => this.changed(others));
  }

  attach(id: number, link: ClientLink): void {
    this.clients.set(id, { link });
  }

  /** A renderer said hello: it gets the others' presence now, not at the next change. */
  greet(id: number): void {
    if (!this.presence) return;
    this.clients.get(id)?.link.send('presence', { others: this.presence.list() });
  }

  detach(id: number): Promise<void> {
    this.clients.delete(id);
    return this.publish();
  }

  set(id: number, input: PresenceInput): Promise<void> {
    const c = this.clients.get(id);
    if (!this.presence || !c) return Promise.resolve();
    c.said = { ...input, n: ++this.said };
    return this.publish();
  }

  stop(): void {
    // Renderers detaching while the seat shuts down must not write to a team database being closed.
    this.stopped = true;
    this.off?.();
    this.clients.clear();
  }

  /** Writes what the most recent connected renderer said, once, in order (a later write never overtakes). */
  private publish(): Promise<void> {
    const presence = this.presence;
    if (!presence || this.stopped) return Promise.resolve();
    let latest: Client['said'];
    for (const c of this.clients.values()) if (c.said && (!latest || c.said.n > latest.n)) latest = c.said;
    const k = key(latest);
    if (k === this.published) return this.writing;
    this.published = k;
    const { mentionId, activity } = latest ?? { mentionId: null, activity: 'viewing' as const };
    this.writing = this.writing
      .then(() => presence.set(mentionId, activity))
      // Offline: presence is best effort; the heartbeat writes the current state once the database is back.
      .catch((e: unknown) => this.log.warn('presence: could not publish', { why: (e as Error).message }));
    return this.writing;
  }

  private changed(others: Presence[]): void {
    const k = eventKey(others);
    if (k === this.lastEvent) return; // the heartbeat re-reads every 10 s; renderers hear only changes
    this.lastEvent = k;
    for (const c of this.clients.values()) c.link.send('presence', { others });
  }
}
