/**
 * A component whose code loads on first use (React.lazy) and that can be loaded ahead: once its
 * code is in, it renders straight away instead of suspending. A lazy component suspends on its first
 * render even when its module was fetched ahead (its own loader's promise has not settled yet), and
 * React then holds the content back until 300 ms after the fallback showed (its throttle against
 * popping in): a first Fairness open with the screen's code loaded ahead spent 250 ms doing nothing
 * (Chromium trace, stop 31).
 */
import { createElement, lazy, type ComponentType } from 'react';

export interface Preloadable<P extends object> {
  Component: ComponentType<P>;
  /** Loads the code now (once; a failed load is tried again on the next call). */
  preload(): Promise<unknown>;
}

/** `onLazyOpen`: called when the component is rendered before its code was in (the lazy path). */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>, onLazyOpen?: () => void): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = (): Promise<ComponentType<P>> =>
    (pending ??= load().then(
      (c) => (loaded = c),
      (e: unknown) => {
        pending = undefined;
        throw e;
      },
    ));
  const Lazy = lazy(() => {
    onLazyOpen?.();
    return preload().then((c) => ({ default: c }));
  });
  function Component(props: P) {
    return createElement((loaded ?? Lazy) as ComponentType<P>, props);
  }
  return { Component, preload };
}
