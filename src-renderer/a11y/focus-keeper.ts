/**
 * Focus is never dropped on the page body. When the focused element leaves the DOM (the row or
 * button that was acted on, a bulk bar after its action, a toast after Undo, a dialog that closed
 * without handing focus back), focus goes to the screen's home: the inbox list (or its empty state),
 * else the main region. A click on empty page leaves focus on the body: that was the user's choice.
 */

/** The element that takes focus when what had it is gone. */
export function focusHome(doc: Document): HTMLElement | null {
  return doc.querySelector<HTMLElement>('[data-focus-home]') ?? doc.querySelector<HTMLElement>('main');
}

export function startFocusKeeper(doc: Document = document): () => void {
  let last: Element | null = doc.activeElement;
  const onFocusIn = (e: FocusEvent): void => {
    if (e.target instanceof Element) last = e.target;
  };
  const check = (): void => {
    const active = doc.activeElement;
    if (active && active !== doc.body && active.isConnected) return;
    // Still attached: focus left on purpose (a click on the background, a blur()).
    if (!last || last.isConnected) return;
    const home = focusHome(doc);
    if (!home) return;
    home.focus({ preventScroll: true });
    last = home;
  };
  const observer = new MutationObserver(check);
  observer.observe(doc.body, { childList: true, subtree: true });
  doc.addEventListener('focusin', onFocusIn);
  return () => {
    observer.disconnect();
    doc.removeEventListener('focusin', onFocusIn);
  };
}
