/**
 * Typed-array columns stored as one Blob inside an IndexedDB value, and read back as views of one
 * buffer: no copy, no decoding.
 *
 * Why a Blob: Chromium hands a large IndexedDB value to the page through a buffer that it then
 * deserializes, so a value of typed arrays costs about 2.5 times its size in new memory (18.8 MB of
 * columns read back: 173-237 ms and 47 MB of new memory in a worker, scratch probe). The same bytes
 * kept as a Blob in the value and read with arrayBuffer() cost their size once: 80-115 ms and 21 MB.
 * On a machine where touching new memory is slow (this one: about 4 ms a MB), that is most of what
 * reading the report's stored facts costs a new session.
 *
 * Pure but for Blob: no Dexie.
 */

const KINDS = { Float64Array, Float32Array, Int32Array, Uint8Array } as const;
export type KindName = keyof typeof KINDS;
interface Columns {
  Float64Array: Float64Array;
  Float32Array: Float32Array;
  Int32Array: Int32Array;
  Uint8Array: Uint8Array;
}
export type TypedColumn = Columns[KindName];

/** Where one column lies in the Blob: its byte offset (a multiple of 8) and its length in elements. */
export interface Part {
  name: string;
  kind: KindName;
  offset: number;
  length: number;
}

export interface StoredColumns {
  blob: Blob;
  parts: Part[];
}

// By tag, not instanceof: arrays read back may come from another realm (tests).
const kindOf = (x: unknown): string => Object.prototype.toString.call(x).slice(8, -1);
const isKind = (k: string): k is KindName => Object.prototype.hasOwnProperty.call(KINDS, k);

/** The columns in one Blob, each at an offset its element size divides (8 bytes suit them all). */
export function packColumns(columns: ReadonlyArray<readonly [string, TypedColumn]>): StoredColumns {
  const parts: Part[] = [];
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (const [name, col] of columns) {
    const kind = kindOf(col);
    if (!isKind(kind)) throw new TypeError(`column ${name}: a ${kind} cannot be stored`);
    parts.push({ name, kind, offset, length: col.length });
    // The column's own bytes, not its whole buffer (never a SharedArrayBuffer here).
    chunks.push(new Uint8Array(col.buffer as ArrayBuffer, col.byteOffset, col.byteLength));
    offset += col.byteLength;
    const pad = (8 - (offset % 8)) % 8;
    if (pad) {
      chunks.push(new Uint8Array(pad));
      offset += pad;
    }
  }
  return { blob: new Blob(chunks), parts };
}

/** Whether a value read back has the shape packColumns gave (the bytes are checked when read). */
export function isStoredColumns(x: unknown): x is StoredColumns {
  const s = x as Partial<StoredColumns> | null;
  if (typeof s !== 'object' || s === null || !Array.isArray(s.parts)) return false;
  const blob = s.blob as Partial<Blob> | undefined;
  if (typeof blob?.arrayBuffer !== 'function' || typeof blob.size !== 'number') return false;
  return s.parts.every((p: Partial<Part>) => typeof p?.name === 'string' && typeof p.kind === 'string' && isKind(p.kind) && Number.isInteger(p.offset) && Number.isInteger(p.length) && p.offset! >= 0 && p.length! >= 0);
}

/**
 * The columns by name, as views of the Blob's bytes; undefined when the Blob cannot be read (its file
 * gone) or a column does not lie within it.
 */
export async function readColumns(s: StoredColumns): Promise<Map<string, TypedColumn> | undefined> {
  let buf: ArrayBuffer;
  try {
    buf = await s.blob.arrayBuffer();
  } catch {
    return undefined;
  }
  const out = new Map<string, TypedColumn>();
  for (const p of s.parts) {
    const T = KINDS[p.kind];
    if (p.offset % T.BYTES_PER_ELEMENT !== 0 || p.offset + p.length * T.BYTES_PER_ELEMENT > buf.byteLength) return undefined;
    out.set(p.name, new T(buf, p.offset, p.length));
  }
  return out;
}

/** The column named, if it is of that kind and at least `length` long. */
export function columnOf<K extends KindName>(cols: Map<string, TypedColumn>, name: string, kind: K, length: number): Columns[K] | undefined {
  const c = cols.get(name);
  return c && kindOf(c) === kind && c.length >= length ? (c as Columns[K]) : undefined;
}
