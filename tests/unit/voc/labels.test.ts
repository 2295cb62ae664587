/** How the VoC tables word a change against the previous period (src-renderer/voc/labels.ts). */
import { describe, it, expect } from 'vitest';
import { change } from '../../../src-renderer/voc/labels';

describe('change against the previous period', () => {
  it.each([
    { x: null, before: 0, out: 'new' },
    { x: null, before: 3, out: '–' },
    { x: 0, before: 10, out: '0%' },
    { x: 0.25, before: 8, out: '+25%' },
    { x: -0.5, before: 8, out: '-50%' },
    { x: 8.5, before: 2, out: '+850%' },
    { x: 9, before: 1, out: '×10' },
    { x: 299, before: 1, out: '×300' },
  ])('$x over $before before: $out', ({ x, before, out }) => {
    expect(change(x, before)).toBe(out);
  });
});
