import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuOfChildren, cpuSpent, kindOf, pageOnlyPuts } from '../../bench/process-cpu';

describe('process CPU for benchmarks', () => {
  it('names Chromium processes by type and Earshot core by its entry point', () => {
    expect(kindOf('/usr/lib/chromium/chromium --no-sandbox --user-data-dir=/tmp/x')).toBe('browser');
    expect(kindOf('/usr/lib/chromium/chromium --type=renderer --enable-features=X')).toBe('renderer');
    expect(kindOf('/usr/lib/chromium/chromium --type=gpu-process')).toBe('gpu');
    expect(kindOf('/usr/lib/chromium/chromium --type=utility --utility-sub-type=network.mojom.NetworkService')).toBe('utility');
    expect(kindOf('/usr/bin/node --import tsx /work/src-main/web/cli.ts --data-dir /tmp/d')).toBe('core');
    expect(kindOf('/usr/lib/chromium/chrome_crashpad_handler --monitor-self --database=/tmp/x')).toBe('crashpad');
    expect(kindOf('/usr/bin/node -e 1')).toBe('other');
  });

  it('works out seconds spent and cores kept busy between two readings', () => {
    expect(cpuSpent({ browser: 1, renderer: 2 }, { browser: 4, renderer: 3, core: 0.5 }, 2000)).toEqual({ seconds: { browser: 3, renderer: 1, core: 0.5 }, cores: 2.25 });
    expect(cpuSpent(undefined, { browser: 1 }, 1000)).toBeUndefined();
  });

  it.runIf(existsSync('/proc/self/stat'))('counts the CPU a running child process spends', async () => {
    // The child spins for 600 ms, then sleeps.
    const busy = spawn(process.execPath, ['-e', 'const t = Date.now(); while (Date.now() - t < 600); setTimeout(() => {}, 10000)']);
    let before, after;
    try {
      before = cpuOfChildren();
      await new Promise((r) => setTimeout(r, 900));
      after = cpuOfChildren();
    } finally {
      busy.kill();
    }
    const spent = cpuSpent(before, after, 900)!;
    expect(spent.seconds.other).toBeGreaterThan(0.3);
    expect(spent.seconds.other).toBeLessThan(1.2);
  });
});

describe('the page-only-puts bound', () => {
  it('keeps every process of Earshot but its page, whose seconds become the raw put page’s', () => {
    const earshot = { seconds: { browser: 8.8, renderer: 5.85, core: 0.39, gpu: 0.09, utility: 0.1 } };
    const raw = { seconds: { browser: 7.55, renderer: 1.96, gpu: 0.01 } };
    expect(pageOnlyPuts(earshot, raw)).toBeCloseTo(8.8 + 1.96 + 0.39 + 0.09 + 0.1, 10);
    // A page that spent less than the raw put's is not credited below it.
    expect(pageOnlyPuts({ seconds: { browser: 7.55, renderer: 1 } }, raw)).toBeCloseTo(9.51, 10);
  });
});
