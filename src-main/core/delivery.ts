/**
 * Delivery from the outbox to connected renderers (DESIGN.md "Delivery"). A client says hello with
 * the last sequence it committed; the hub replays every batch above it, then streams new ones.
 * At most WINDOW batches are in flight to a client at once, so a backlog of thousands arrives at
 * the pace the renderer can write it instead of flooding it.
 */
import type { EventName, EventPayload } from '../shared/contract';
import type { Outbox } from './outbox';

export interface ClientLink {
  send<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

interface Client {
  link: ClientLink;
  live: boolean;
  /** Highest seq this client has acked (or said it had at hello). */
  acked: number;
  /** Highest seq sent to this client. */
  sent: number;
}

export class DeliveryHub {
  private readonly clients = new Map<number, Client>();
  private nextId = 1;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly outbox: Outbox,
    private readonly window = 4,
  ) {
    this.unsubscribe = outbox.onAppend(() => {
      for (const c of this.clients.values()) this.pump(c);
    });
  }

  attach(link: ClientLink): number {
    const id = this.nextId++;
    this.clients.set(id, { link, live: false, acked: 0, sent: 0 });
    return id;
  }

  detach(id: number): void {
    this.clients.delete(id);
  }

  get connected(): number {
    return this.clients.size;
  }

  hello(id: number, lastAckedSeq: number, journalId: string | undefined): { replaying: number; lastSeq: number; journalId: string } {
    const c = this.mustGet(id);
    // A renderer that last spoke to another journal (a wiped data dir) has seen none of this one.
    const from = journalId && journalId !== this.outbox.journalId ? 0 : lastAckedSeq;
    c.acked = from;
    c.sent = from;
    c.live = true;
    const replaying = this.outbox.entriesAfter(from).length;
    this.pump(c);
    return { replaying, lastSeq: this.outbox.lastSeq, journalId: this.outbox.journalId };
  }

  async ack(id: number, seq: number): Promise<void> {
    const c = this.mustGet(id);
    if (seq > c.sent) throw new Error(`ack ${seq} is above the last batch sent (${c.sent})`);
    c.acked = Math.max(c.acked, seq);
    await this.outbox.ack(seq);
    this.pump(c);
  }

  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const c of this.clients.values()) c.link.send(event, payload);
  }

  close(): void {
    this.unsubscribe();
    this.clients.clear();
  }

  private pump(c: Client): void {
    if (!c.live) return;
    const inFlight = (): number => this.outbox.pending.filter((e) => e.seq > c.acked && e.seq <= c.sent).length;
    let room = this.window - inFlight();
    if (room <= 0) return;
    for (const entry of this.outbox.entriesAfter(c.sent)) {
      if (room-- <= 0) break;
      c.link.send('mentions', { seq: entry.seq, mentions: entry.mentions });
      c.sent = entry.seq;
    }
  }

  private mustGet(id: number): Client {
    const c = this.clients.get(id);
    if (!c) throw new Error('this connection is closed');
    return c;
  }
}
