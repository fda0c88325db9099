/**
 * The queue's order as far as it has been read, so the case screen's j/k can step to the case
 * above or below the one open without the queue being on screen.
 */
const caseAt = new Map<number, string>();
const indexOf = new Map<string, number>();

export function rememberQueueRows(firstIndex: number, caseIds: readonly string[]): void {
  caseIds.forEach((caseId, offset) => {
    caseAt.set(firstIndex + offset, caseId);
    indexOf.set(caseId, firstIndex + offset);
  });
}

/** A new filter or sort makes a new order. */
export function forgetQueueOrder(): void {
  caseAt.clear();
  indexOf.clear();
}

/** The case `step` places below (positive) or above (negative) `caseId` in the queue, if the queue has read it. */
export function neighbourCase(caseId: string, step: number): string | null {
  const index = indexOf.get(caseId);
  return index === undefined ? null : (caseAt.get(index + step) ?? null);
}
