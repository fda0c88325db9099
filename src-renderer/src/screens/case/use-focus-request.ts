import { useEffect, type RefObject } from 'react';

/** Focuses the element each time `nonce` changes to a new non-zero value (a keyboard shortcut asked for it). */
export function useFocusRequest(ref: RefObject<HTMLElement | null>, nonce: number): void {
  useEffect(() => {
    if (nonce === 0) return;
    // The tab panel holding the element becomes visible in the same commit; focus after it paints.
    const frame = requestAnimationFrame(() => ref.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [ref, nonce]);
}
