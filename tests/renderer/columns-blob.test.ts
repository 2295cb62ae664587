/**
 * Columns stored as one Blob (columns-blob.ts): every value back exactly, as views of one buffer at
 * offsets their element size divides; a Blob that cannot be read, or a column said to lie outside
 * it, reads as none.
 */
import { describe, it, expect } from 'vitest';
import { columnOf, isStoredColumns, packColumns, readColumns, type StoredColumns } from '../../src-renderer/reports/columns-blob';

const kindOf = (x: unknown): string => Object.prototype.toString.call(x).slice(8, -1);

describe('columns stored as one Blob', () => {
  it('gives back every value exactly, of every kind, as views of one buffer', async () => {
    const odd = Uint8Array.of(1, 2, 3); // 3 bytes: the next column still starts on 8
    const floats = Float64Array.of(1.5, NaN, -Infinity, Infinity, -0, 1e-310, 1.7e12 + 0.25);
    const ints = Int32Array.of(-(2 ** 31), -1, 0, 2 ** 31 - 1);
    const small = Float32Array.of(0.1, -2.5);
    // A view into a larger buffer: only its own bytes are stored.
    const view = new Float64Array(Float64Array.of(9, 8, 7, 6).buffer, 8, 2);
    const stored = packColumns([['odd', odd], ['floats', floats], ['ints', ints], ['small', small], ['view', view], ['empty', new Int32Array(0)]]);
    expect(isStoredColumns(structuredClone(stored))).toBe(true);
    for (const p of stored.parts) expect(p.offset % 8, p.name).toBe(0);

    const back = (await readColumns(structuredClone(stored)))!;
    expect([...back.keys()]).toEqual(['odd', 'floats', 'ints', 'small', 'view', 'empty']);
    expect([...back.get('odd')!]).toEqual([1, 2, 3]);
    const f = back.get('floats')!;
    for (let i = 0; i < floats.length; i++) expect(Object.is(f[i], floats[i]), `float ${i}`).toBe(true);
    expect([...back.get('ints')!]).toEqual([...ints]);
    expect([...back.get('small')!]).toEqual([...small]);
    expect([...back.get('view')!]).toEqual([8, 7]);
    expect(back.get('empty')!.length).toBe(0);
    expect(new Set([...back.values()].map((c) => c.buffer)).size).toBe(1);
    expect(kindOf(columnOf(back, 'ints', 'Int32Array', 4))).toBe('Int32Array');
    // Of another kind, or shorter than asked: none.
    expect(columnOf(back, 'ints', 'Float64Array', 0)).toBeUndefined();
    expect(columnOf(back, 'ints', 'Int32Array', 5)).toBeUndefined();
    expect(columnOf(back, 'missing', 'Int32Array', 0)).toBeUndefined();
  });

  it('reads as none when a column lies outside the Blob, is misaligned, or the Blob cannot be read', async () => {
    const stored = packColumns([['a', Float64Array.of(1, 2)], ['b', Int32Array.of(3)]]);
    const moved = (change: (p: StoredColumns['parts'][number]) => object): StoredColumns => ({ ...stored, parts: stored.parts.map((p) => (p.name === 'b' ? { ...p, ...change(p) } : p)) });
    expect(await readColumns(moved((p) => ({ offset: p.offset + 8 })))).toBeUndefined();
    // Past the padding after it too.
    expect(await readColumns(moved((p) => ({ length: p.length + 3 })))).toBeUndefined();
    expect(await readColumns({ ...stored, parts: stored.parts.map((p) => (p.name === 'a' ? { ...p, offset: 4 } : p)) })).toBeUndefined();
    const gone = { ...stored, blob: { size: stored.blob.size, arrayBuffer: () => Promise.reject(new Error('NotFoundError: the blob file is gone')) } as unknown as Blob };
    expect(await readColumns(gone)).toBeUndefined();
  });

  it('takes only the shape it wrote, and refuses a column it cannot store', () => {
    const stored = packColumns([['a', Uint8Array.of(1)]]);
    expect(isStoredColumns(stored)).toBe(true);
    expect(isStoredColumns({ ...stored, blob: {} })).toBe(false);
    expect(isStoredColumns({ ...stored, parts: [{ name: 'a', kind: 'BigInt64Array', offset: 0, length: 1 }] })).toBe(false);
    expect(isStoredColumns({ ...stored, parts: [{ name: 'a', kind: 'Uint8Array', offset: -8, length: 1 }] })).toBe(false);
    expect(isStoredColumns(null)).toBe(false);
    expect(() => packColumns([['big', new BigInt64Array(1) as unknown as Int32Array]])).toThrow(/BigInt64Array cannot be stored/);
  });
});
