/**
 * jsdom has no layout: give the inbox's scroll container a height (so the virtualizer draws rows)
 * and elements a scrollTo, and install a fresh app state for each test.
 */
import { createMemoryBridge, type MemoryBridge, type MemoryHandlers } from '../../../src-renderer/bridge/memory-bridge';
import { setBridge } from '../../../src-renderer/bridge';
import { initialUiState, useUi } from '../../../src-renderer/state/ui-store';

let installed = false;
export function installLayout(): void {
  if (installed) return;
  installed = true;
  const height = {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('list') ? 800 : 64;
    },
  };
  for (const p of ['offsetHeight', 'clientHeight']) Object.defineProperty(HTMLElement.prototype, p, height);
  for (const p of ['offsetWidth', 'clientWidth']) Object.defineProperty(HTMLElement.prototype, p, { configurable: true, get: () => 600 });
  Element.prototype.scrollTo = function (this: Element, opts?: ScrollToOptions | number) {
    if (typeof opts === 'object' && opts.top !== undefined) this.scrollTop = opts.top;
  } as Element['scrollTo'];
}

export function resetUi(): void {
  localStorage.clear();
  useUi.setState(initialUiState());
}

export function memoryBridge(handlers: MemoryHandlers = {}): MemoryBridge {
  const mb = createMemoryBridge({ hello: () => ({ logId: 'log-test', mode: 'web', version: 't', from: 0, head: 0, teamStatus: { state: 'solo', waiting: 0 } }), listSources: () => ({ sources: [], health: [] }), ...handlers });
  setBridge(mb.bridge);
  return mb;
}
