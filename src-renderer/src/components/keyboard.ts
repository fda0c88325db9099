/** An overlay (modal, drawer, open dropdown) owns the keyboard while it is open; closed dropdowns stay mounted, hidden. */
export function overlayOpen(): boolean {
  return [...document.querySelectorAll('[role="dialog"], [role="listbox"]')].some((element) => element.checkVisibility());
}

export function isEditable(target: EventTarget | null): target is HTMLElement {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** A field the agent types prose or numbers into; a closed picker (combobox) is not one. */
export function isTextField(target: EventTarget | null): target is HTMLElement {
  return isEditable(target) && target.getAttribute('aria-haspopup') !== 'listbox';
}

/** A plain key press a screen may take as a shortcut: no modifier but Shift, no overlay open, not typed into a field. */
export function isShortcutPress(event: KeyboardEvent): boolean {
  return !event.ctrlKey && !event.metaKey && !event.altKey && !overlayOpen() && !isEditable(event.target);
}
