/**
 * Sends the latest of a stream of values at most once per `intervalMs`: the first at once, then,
 * if more came within the window, only the last of them when it ends. A value equal to the last one
 * sent is not sent again. Presence uses it so a fast j/k through the inbox or every keystroke in the
 * composer costs the team database one write per 300 ms at most, and the final state always arrives.
 */
export interface LatestThrottle<T> {
  push(value: T): void;
  /** Sends a value still waiting for its window now (leaving a screen, closing). */
  flush(): void;
  /** Drops a waiting value and stops the timer. */
  cancel(): void;
  /** Forgets what was sent (the other side restarted): the next value goes even if equal. */
  forget(): void;
}

export function latestThrottle<T>(send: (value: T) => void, intervalMs: number, equal: (a: T, b: T) => boolean = Object.is): LatestThrottle<T> {
  let lastSentAt = -Infinity;
  let hasSent = false;
  let lastSent: T | undefined;
  let pending: { value: T } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const fire = (): void => {
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = undefined;
    if (hasSent && equal(lastSent as T, value)) return;
    hasSent = true;
    lastSent = value;
    lastSentAt = Date.now();
    send(value);
  };

  return {
    push(value) {
      pending = { value };
      if (timer) return; // the window's end sends the latest
      const wait = lastSentAt + intervalMs - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    flush() {
      if (timer) clearTimeout(timer);
      fire();
    },
    forget() {
      hasSent = false;
      lastSent = undefined;
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
