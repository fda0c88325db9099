import { useEffect, useRef } from 'react';
import { isEditable, isTextField, overlayOpen } from '../../components/keyboard';

export type CaseShortcut = 'log' | 'promise' | 'message' | 'next' | 'previous';

const KEYS: Record<string, CaseShortcut> = { l: 'log', p: 'promise', s: 'message', j: 'next', k: 'previous' };

/**
 * The case screen's keys: l, p and s jump to logging an activity, a promise and a message; j and
 * k open the next and previous case of the queue;
 * Escape goes back to the queue. Typing is never taken over: in a text field Escape only leaves
 * the field (a second Escape goes back), and letters type as letters. Listening in the capture
 * phase lets an open dialog or dropdown be seen before its own Escape closes it.
 */
export function useCaseShortcuts(onShortcut: (shortcut: CaseShortcut) => void, onBack: () => void): void {
  const handlers = useRef({ onShortcut, onBack });
  useEffect(() => {
    handlers.current = { onShortcut, onBack };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || overlayOpen()) return;
      if (event.key === 'Escape') {
        if (isTextField(event.target)) event.target.blur();
        else handlers.current.onBack();
        return;
      }
      const shortcut = KEYS[event.key];
      if (!shortcut || isEditable(event.target)) return;
      event.preventDefault();
      handlers.current.onShortcut(shortcut);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
