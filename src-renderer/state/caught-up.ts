/**
 * The start-up catch-up: delivery has applied everything the log held when main first answered
 * this window's hello (the demo's backlog, what was polled while the window was away, a fresh
 * profile's whole history). Set by delivery/delivery-client.ts. The live region and its "new since
 * you last looked" count from here: what is there by then is not news.
 */
import { createLatch } from '../lib/latch';

const caught = createLatch();

/** Delivery has applied up to the head it was told at hello (once; later calls do nothing). */
export const markCaughtUp = (): void => caught.set();

/**
 * Resolves once the start-up catch-up is applied. No time limit: during a rebuild of 100,000
 * mentions every batch would otherwise be news, and without a connection nothing new comes anyway.
 */
export const caughtUp = (): Promise<void> => caught.wait();
