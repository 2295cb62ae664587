/**
 * A delivery page as bytes (one binary WebSocket frame in browser mode, one IPC message in the
 * desktop app): a one-line header the window reads without parsing the page, then the page's JSON
 * as UTF-8.
 *
 *   {"count":500,"first":1001,"last":1500}\n{"entries":[{"position":1001,"entry":{…}},…]}
 *
 * The window queues and acks pages by their header alone and hands the bytes to the delivery worker,
 * which decodes and checks them (issue 11): parsing, validating and copying every page on the
 * window's thread cost it about 0.55 s of a 20,000 backlog (a CPU profile: JSON 133 ms, the
 * envelope's zod checks 130 ms, the copy to the worker 264 ms), on the cores IndexedDB needs; in
 * 4 paired runs the window's thread was busy 2.3-2.5 s instead of 3.3-4.3 s. The worker does not
 * repeat the envelope's zod check: each entry is checked in full where it is applied.
 * JSON.stringify never writes a raw newline, so the first newline byte ends the header.
 */
import { isEncodedPage, type DeliveredPage, type EncodedLogPage, type LogPage } from './contract';

/**
 * The WHATWG encoding API, global in Node and in every browser; shared/ is checked without either's
 * types, so the part used here is declared (as x-api-base.ts does for URL).
 */
declare const TextEncoder: new () => { encode(text: string): Uint8Array };
declare const TextDecoder: new () => { decode(bytes: Uint8Array): string };

const NEWLINE = 0x0a;
/** A header longer than this is not a header (three numbers and their names fit in far less). */
const MAX_HEADER = 200;

export function encodeEntriesFrame(page: LogPage): Uint8Array {
  const entries = page.entries;
  const header = { count: entries.length, first: entries[0]!.position, last: entries[entries.length - 1]!.position };
  return new TextEncoder().encode(`${JSON.stringify(header)}\n${JSON.stringify(page)}`);
}

const isPosition = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;

/** Reads a frame's header; the bytes are kept whole, the page is not parsed. */
export function readEntriesFrame(bytes: Uint8Array): EncodedLogPage {
  const end = bytes.subarray(0, MAX_HEADER).indexOf(NEWLINE);
  if (end < 0) throw new Error('a page frame without its header line');
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, end)));
  } catch {
    throw new Error('a page frame whose header is not JSON');
  }
  const { count, first, last } = (header ?? {}) as Record<string, unknown>;
  if (!isPosition(count) || !isPosition(first) || !isPosition(last) || last - first + 1 !== count) {
    throw new Error(`a page frame with a header that does not add up: ${JSON.stringify(header).slice(0, MAX_HEADER)}`);
  }
  return { bytes, count, first, last };
}

/**
 * The page's entries, checked against its header: positions from `first` to `last`, one after
 * another, each with an entry object. What an entry holds is checked where it is applied
 * (parseLogEntry, entry by entry: one that does not check out is skipped and named, the rest of
 * the page goes in). Throws a message that says what was wrong.
 */
export function decodeEntriesFrame(page: EncodedLogPage): LogPage['entries'] {
  const start = page.bytes.indexOf(NEWLINE) + 1;
  const where = `the page of positions ${page.first}-${page.last}`;
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(page.bytes.subarray(start)));
  } catch (e) {
    throw new Error(`${where} is not JSON (${(e as Error).message})`);
  }
  const entries = (raw as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) throw new Error(`${where} has no list of entries`);
  if (entries.length !== page.count) throw new Error(`${where} holds ${entries.length} entries, not the ${page.count} its header says`);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as { position?: unknown; entry?: unknown } | null;
    if (e?.position !== page.first + i) throw new Error(`${where} holds other positions than its header says`);
    if (typeof e.entry !== 'object' || e.entry === null || Array.isArray(e.entry)) throw new Error(`${where}: position ${e.position} holds no entry object`);
  }
  return entries as LogPage['entries'];
}

/** A delivered page's entries: decoded and checked (decodeEntriesFrame) if it came encoded. */
export function entriesOfPage(page: DeliveredPage): LogPage['entries'] {
  return isEncodedPage(page) ? decodeEntriesFrame(page) : page.entries;
}
