import { useEffect, useRef } from 'react';

export type CaseShortcut = 'log' | 'promise' | 'message';

const KEYS: Record<string, CaseShortcut> = { l: 'log', p: 'promise', s: 'message' };

/** An overlay (modal, drawer, open dropdown) owns the keyboard while it is open; closed dropdowns stay mounted, hidden. */
function overlayOpen(): boolean {
  return [...document.querySelectorAll('[role="dialog"], [role="listbox"]')].some((element) => element.checkVisibility());
}

function isEditable(target: EventTarget | null): target is HTMLElement {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** A field the agent types prose or numbers into; a closed picker (combobox) is not one. */
function isTextField(target: EventTarget | null): target is HTMLElement {
  return isEditable(target) && target.getAttribute('aria-haspopup') !== 'listbox';
}

/**
 * The case screen's keys: l, p and s jump to logging an activity, a promise and a message;
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
