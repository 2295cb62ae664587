/**
 * The service container (core/services.ts): services start in order and hand back what they built,
 * stop in reverse, a failed start stops what had started, and a failing stop does not keep the
 * others from stopping.
 */
import { describe, it, expect } from 'vitest';
import { buildServices } from '../../../src-main/core/services';
import { createLogger } from '../../../src-main/core/log';

const log = createLogger('test');

describe('service container', () => {
  it('starts in order, hands each value to the next, stops in reverse', async () => {
    const said: string[] = [];
    const built = await buildServices(log, async (c) => {
      const a = await c.provide('a', () => (said.push('start a'), 1), () => void said.push('stop a'));
      const b = await c.provide('b', async () => (said.push('start b'), a + 1), (v) => void said.push(`stop b ${v}`));
      return { b };
    });
    expect(built.b).toBe(2);
    await built.stop();
    expect(said).toEqual(['start a', 'start b', 'stop b 2', 'stop a']);
    await built.stop();
    expect(said).toHaveLength(4);
  });

  it('a start that fails stops what had started, then throws', async () => {
    const said: string[] = [];
    await expect(
      buildServices(log, async (c) => {
        await c.provide('journal', () => 'j', () => void said.push('journal closed'));
        await c.provide('cursors', () => {
          throw new Error('cursors unreadable');
        }, () => void said.push('cursors flushed'));
        return {};
      }),
    ).rejects.toThrow('cursors unreadable');
    expect(said).toEqual(['journal closed']);
  });

  it('a stop that fails does not keep the others from stopping', async () => {
    const said: string[] = [];
    const built = await buildServices(log, async (c) => {
      await c.provide('log', () => 0, () => void said.push('log closed'));
      await c.provide('poller', () => 0, () => {
        throw new Error('stuck');
      });
      return {};
    });
    await built.stop();
    expect(said).toEqual(['log closed']);
  });
});
