/**
 * Delivery from the log to connected renderers (DESIGN.md "The log is the system of record"). A
 * client says hello with the position it has applied; the hub replays every entry after it in pages,
 * then streams new ones as they are appended. At most `window` pages are in flight to a client at
 * once (flow control by `ack {position}`), so a backlog of 100,000 arrives at the pace the renderer
 * can write it. An ack only moves this client's window: nothing leaves the log because of it.
 */
import type { EventName, EventPayload } from '../shared/contract';
import type { LogStore } from '../log/log-store';

export interface ClientLink {
  send<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /**
   * The core now serves another log (a seat that joined its team while running): the renderer must
   * say hello again. A transport implements it the way its renderer reconnects (browser mode closes
   * the socket, the desktop app reloads the page); without it the client stays attached and gets
   * the new log's entries after its current position.
   */
  rehello?(): void;
}

interface Client {
  link: ClientLink;
  live: boolean;
  /** Highest position this client has acked (or said it had applied at hello). */
  acked: number;
  /** Highest position sent to this client. */
  sent: number;
  /** Last position of each page sent and not yet acked. */
  inFlight: number[];
  /** Bumped at every hello: a read started for an earlier hello is dropped. */
  epoch: number;
  pumping: boolean;
  again: boolean;
}

export interface DeliveryOptions {
  /** Pages in flight per client. */
  window?: number;
  /** Entries per page. */
  pageSize?: number;
}

export class DeliveryHub {
  private readonly clients = new Map<number, Client>();
  private nextId = 1;
  private readonly unsubscribe: () => void;
  private readonly window: number;
  private readonly pageSize: number;

  constructor(
    private readonly store: LogStore,
    opts: DeliveryOptions = {},
  ) {
    // Eight pages: while the renderer writes one batch (up to four pages), the next batch arrives
    // and is validated, so it can start as soon as the one before it commits (delivery-client.ts).
    this.window = opts.window ?? 8;
    this.pageSize = opts.pageSize ?? 500;
    this.unsubscribe = store.onAppend(() => {
      for (const c of this.clients.values()) void this.pump(c);
    });
  }

  attach(link: ClientLink): number {
    const id = this.nextId++;
    this.clients.set(id, { link, live: false, acked: 0, sent: 0, inFlight: [], epoch: 0, pumping: false, again: false });
    return id;
  }

  detach(id: number): void {
    const c = this.clients.get(id);
    if (c) c.live = false; // a pump in flight for it stops at its next step
    this.clients.delete(id);
  }

  get connected(): number {
    return this.clients.size;
  }

  async hello(id: number, position: number, logId: string | undefined): Promise<{ from: number; head: number; logId: string }> {
    const c = this.mustGet(id);
    const head = await this.store.head();
    // A renderer that applied another log (another data folder, a wiped one) has seen none of this one.
    // A position past the head can only come from another log too.
    const from = (logId !== undefined && logId !== this.store.logId) || position > head ? 0 : position;
    c.acked = from;
    c.sent = from;
    c.inFlight = [];
    c.epoch++;
    c.live = true;
    void this.pump(c);
    return { from, head, logId: this.store.logId };
  }

  ack(id: number, position: number): void {
    const c = this.mustGet(id);
    if (position > c.sent) throw new Error(`ack ${position} is above the last position sent (${c.sent})`);
    c.acked = Math.max(c.acked, position);
    c.inFlight = c.inFlight.filter((p) => p > position);
    void this.pump(c);
  }

  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const c of this.clients.values()) c.link.send(event, payload);
  }

  close(): void {
    this.unsubscribe();
    for (const c of this.clients.values()) c.live = false;
    this.clients.clear();
  }

  /** Sends pages while the window has room; one pump per client at a time (reads are async). */
  private async pump(c: Client): Promise<void> {
    if (!c.live) return;
    if (c.pumping) {
      c.again = true;
      return;
    }
    c.pumping = true;
    try {
      do {
        c.again = false;
        while (c.inFlight.length < this.window && this.isAttached(c)) {
          const epoch = c.epoch;
          const page = await this.store.read(c.sent, this.pageSize);
          if (epoch !== c.epoch) {
            c.again = true; // a new hello reset the client while reading: start over from its position
            break;
          }
          if (page.length === 0) break;
          // Counted as sent before it goes: a transport may deliver the ack within send() itself.
          c.sent = page[page.length - 1]!.position;
          c.inFlight.push(c.sent);
          c.link.send('entries', { entries: page });
        }
      } while (c.again && this.isAttached(c));
    } catch {
      // The log could not be read (closed while stopping): the client's next hello replays from its position.
    } finally {
      c.pumping = false;
    }
  }

  private isAttached(c: Client): boolean {
    return c.live;
  }

  private mustGet(id: number): Client {
    const c = this.clients.get(id);
    if (!c) throw new Error('this connection is closed');
    return c;
  }
}
