import type Database from 'better-sqlite3';

/**
 * Where the senders find an administrator's template overrides (the `template_overrides` table).
 * Renders happen deep inside the senders, which know no store; the process's recovery service
 * names its store here once, and every later render reads that store's overrides.
 */
let source: Database.Database | null = null;

export function readTemplateOverridesFrom(sqlite: Database.Database): void {
  source = sqlite;
}

/** The override's body for `language/name`, or null when none is set (or it was reset to the shipped file). */
export function templateOverride(language: string, name: string): string | null {
  if (!source?.open) return null;
  const body = source.prepare('SELECT body FROM template_overrides WHERE id = ?').pluck().get(`${language}/${name}`) as string | null | undefined;
  return body ?? null;
}
