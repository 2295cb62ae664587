/**
 * Structural equality for records as IndexedDB gives them back (plain objects, arrays, strings,
 * numbers, booleans, null). A list that reads the same records again keeps the objects it already
 * drew when nothing in them changed, so memoised rows are not drawn again for nothing.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  // Only plain objects are compared by content; anything else (a Date, a Map, a Blob) counts as
  // changed unless it is the same object, so the worst case is one redraw, never a stale row.
  if (!isPlain(a) || !isPlain(b) || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

function isPlain(x: object): boolean {
  const p = Object.getPrototypeOf(x) as unknown;
  return p === Object.prototype || p === null;
}
