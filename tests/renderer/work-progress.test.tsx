/**
 * The screens hear the report work's progress only while they wait on a request (useWorkProgress):
 * told progress shows while loading, is forgotten when the request is answered or replaced, and
 * nothing is listened to while a report is on screen (a first count tells it every 10,000 rows).
 */
import { describe, it, expect } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { ProgressHub } from '../../src-renderer/reports/progress';
import { useWorkProgress } from '../../src-renderer/reports/useWorkProgress';

describe('the progress a screen hears', () => {
  it('is what was told while loading, forgotten once answered or asked anew, and not listened to otherwise', () => {
    const hub = new ProgressHub();
    let listeners = 0;
    const listening = (): number => listeners;
    const listen = (l: Parameters<ProgressHub['listen']>[0]): (() => void) => {
      listeners++;
      const stop = hub.listen(l);
      return () => {
        listeners--;
        stop();
      };
    };
    const { result, rerender } = renderHook(({ active, key }) => useWorkProgress(listen, active, key), { initialProps: { active: true, key: 'a' } });
    expect(result.current).toBeUndefined();
    act(() => hub.tell({ step: 'reading-stored' }));
    expect(result.current).toEqual({ step: 'reading-stored' });
    // Another request while loading: the last one's progress is gone.
    rerender({ active: true, key: 'b' });
    expect(result.current).toBeUndefined();
    expect(listening()).toBe(1);
    act(() => hub.tell({ step: 'figures' }));
    expect(result.current).toEqual({ step: 'figures' });
    // Answered: nothing shown, nothing listened to, later notices (work ahead) change nothing.
    rerender({ active: false, key: 'b' });
    expect(result.current).toBeUndefined();
    expect(listening()).toBe(0);
    act(() => hub.tell({ step: 'taking-in', mentions: 2, events: 5 }));
    rerender({ active: true, key: 'c' });
    expect(result.current).toBeUndefined();
  });
});
