/** Keyboard for a filtered pick list (pickers, saved replies): arrows move, Enter picks, Escape closes. */
import type { KeyboardEvent } from 'react';

export function pickListKeys<T>(shown: readonly T[], cur: number, setAt: (n: number) => void, onPick: (item: T) => void, onClose: () => void) {
  return (e: KeyboardEvent): void => {
    if (e.key === 'ArrowDown') setAt(Math.min(shown.length - 1, cur + 1));
    else if (e.key === 'ArrowUp') setAt(Math.max(0, cur - 1));
    else if (e.key === 'Enter' && shown[cur]) onPick(shown[cur]);
    else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
}
