/**
 * The next task of this thread: what was queued meanwhile (a message, a click, a paint) runs first.
 * Not setTimeout: nested timeouts wait at least 4 ms each. Typed for both the DOM and Node (tests).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const c = new MessageChannel();
    const port = c.port1 as unknown as { onmessage: (() => void) | null; close(): void };
    port.onmessage = () => {
      port.close();
      resolve();
    };
    c.port2.postMessage(null);
  });
}
