/**
 * Long-lived main-process parts are services: started in dependency order, stopped in reverse.
 * Stopping continues past a service that fails to stop, so one bad part never keeps the rest
 * (and the outbox flush) from running.
 */
import type { Logger } from './log';

export interface Service {
  readonly name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

export class ServiceContainer {
  private readonly started: Service[] = [];
  constructor(private readonly log: Logger) {}

  async start(services: Service[]): Promise<void> {
    for (const s of services) {
      await s.start();
      this.started.push(s);
    }
  }

  async stop(): Promise<void> {
    while (this.started.length) {
      const s = this.started.pop()!;
      try {
        await s.stop();
      } catch (e) {
        this.log.error(`stopping ${s.name} failed: ${(e as Error).message}`);
      }
    }
  }
}
