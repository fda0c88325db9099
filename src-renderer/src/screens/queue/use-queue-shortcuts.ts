import { useEffect, useRef } from 'react';
import { isShortcutPress } from '../../components/keyboard';

export interface QueueShortcutHandlers {
  move(step: number): void;
  focusSearch(): void;
  nextAccount(): void;
}

/** The queue's keys while it is on screen: j/k move through the rows, / goes to search, n opens my next account. */
export function useQueueShortcuts(active: boolean, handlers: QueueShortcutHandlers): void {
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isShortcutPress(event)) return;
      const action = { j: () => current.current.move(1), k: () => current.current.move(-1), '/': () => current.current.focusSearch(), n: () => current.current.nextAccount() }[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [active]);
}
