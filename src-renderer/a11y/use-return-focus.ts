/**
 * A dialog gives focus back to what opened it (the list after `a`, the Assign button after a click)
 * when it closes, if focus was still inside it. The opener is read while the dialog first renders,
 * before autoFocus or an effect moves focus into it; focus goes back before the dialog leaves the
 * DOM (a layout effect's cleanup), so it never passes through the page body.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

export function useReturnFocus(dialog: RefObject<HTMLElement | null>): void {
  const [opener] = useState<Element | null>(() => (typeof document === 'undefined' ? null : document.activeElement));
  useLayoutEffect(() => {
    const box = dialog.current;
    return () => {
      const active = document.activeElement;
      const inside = !active || active === document.body || Boolean(box?.contains(active));
      if (inside && opener instanceof HTMLElement && opener.isConnected && opener !== document.body) opener.focus({ preventScroll: true });
    };
  }, [dialog, opener]);
}
