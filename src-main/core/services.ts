/**
 * Long-lived main-process parts are services: each started in dependency order by `provide`, which
 * hands back what it built (so the code after it holds a fully built value, never a field assigned
 * later), and stopped in reverse. Stopping continues past a service that fails to stop, so one bad
 * part never keeps the rest (and the log's close) from running.
 */
import type { Logger } from './log';

interface Started {
  readonly name: string;
  stop(): Promise<void> | void;
}

export class ServiceContainer {
  private readonly started: Started[] = [];
  constructor(private readonly log: Logger) {}

  /**
   * Starts one service and returns what it provides; `stop` runs on it when the container stops.
   * A start that throws registers nothing (it had nothing running to stop).
   */
  async provide<T>(name: string, start: () => Promise<T> | T, stop: (value: T) => Promise<void> | void): Promise<T> {
    const value = await start();
    this.started.push({ name, stop: () => stop(value) });
    return value;
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

/**
 * Builds services with `build(container)`; if building throws, what it already started is stopped
 * before the error goes on, so a failed start leaves no journal open and no timer running.
 */
export async function buildServices<T>(log: Logger, build: (c: ServiceContainer) => Promise<T>): Promise<T & { stop(): Promise<void> }> {
  const c = new ServiceContainer(log);
  try {
    const built = await build(c);
    return { ...built, stop: () => c.stop() };
  } catch (e) {
    await c.stop();
    throw e;
  }
}
