import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { TemplateDetail, TemplateListItem } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import type { Store } from '../store/open-store';
import { runCommand, type Actor } from '../store/run-command';
import { listTemplates, templatesDir } from '../templates';
import { checkTemplate, previewTemplate } from './template-preview';

/**
 * The shipped template files and the administrator's overrides of them (`template_overrides`,
 * synced like all configuration, so every desktop sends the same words). Only files that ship
 * can be overridden: the senders look templates up by those names.
 */

type OverrideRow = { body: string | null; updated_by: string; updated_at: string };

function overrideOf(sqlite: Database.Database, id: string): OverrideRow | undefined {
  return sqlite.prepare('SELECT body, updated_by, updated_at FROM template_overrides WHERE id = ?').get(id) as OverrideRow | undefined;
}

export function templateList(sqlite: Database.Database): TemplateListItem[] {
  const overridden = new Set(sqlite.prepare('SELECT id FROM template_overrides WHERE body IS NOT NULL').pluck().all() as string[]);
  return listTemplates().map((template) => ({ ...template, overridden: overridden.has(template.id) }));
}

function shippedTemplate(language: string, name: string): TemplateListItem & { shipped: string } {
  const found = listTemplates().find((template) => template.language === language && template.name === name);
  if (!found) throw new AppError('not_found', `name: there is no ${language} template ${name}`, 'name');
  return { ...found, overridden: false, shipped: readFileSync(join(templatesDir(), language, `${name}.hbs`), 'utf8') };
}

export function templateDetail(sqlite: Database.Database, language: string, name: string): TemplateDetail {
  const shipped = shippedTemplate(language, name);
  const override = overrideOf(sqlite, shipped.id);
  const body = override?.body ?? null;
  const author = override?.updated_by ? (sqlite.prepare('SELECT name FROM users WHERE id = ?').pluck().get(override.updated_by) as string | undefined) : undefined;
  return {
    ...shipped,
    overridden: body !== null,
    body: body ?? shipped.shipped,
    updatedBy: override ? (author ?? override.updated_by) : null,
    updatedAt: override?.updated_at ?? null,
  };
}

/** Saves an override once it renders with a real case; a broken one is refused with its line. */
export function saveTemplate(store: Store, actor: Actor, input: { language: string; name: string; body: string }): TemplateDetail {
  const { sqlite } = store;
  const shipped = shippedTemplate(input.language, input.name);
  const checked = checkTemplate(input.body, shipped.channel === 'letter');
  const preview = checked.ok ? previewTemplate(sqlite, { ...input, severity: 'high' }) : checked;
  if (!preview.ok) {
    const where = preview.problem.line === null ? '' : ` (line ${preview.problem.line})`;
    throw new AppError('validation', `body${where}: ${preview.problem.message}`, 'body');
  }
  writeOverride(store, actor, shipped.id, input, input.body);
  return templateDetail(sqlite, input.language, input.name);
}

export function resetTemplate(store: Store, actor: Actor, input: { language: string; name: string }): TemplateDetail {
  const shipped = shippedTemplate(input.language, input.name);
  if (overrideOf(store.sqlite, shipped.id)?.body) writeOverride(store, actor, shipped.id, input, null);
  return templateDetail(store.sqlite, input.language, input.name);
}

function writeOverride(store: Store, actor: Actor, id: string, input: { language: string; name: string }, body: string | null): void {
  runCommand(store, actor, body === null ? 'settings.resetTemplate' : 'settings.saveTemplate', { ...input, body }, (at) => {
    store.sqlite
      .prepare(`INSERT INTO template_overrides (id, language, name, body, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at`)
      .run(id, input.language, input.name, body, actor.id, at);
    return { value: null, audit: [{ type: body === null ? 'template.reset' : 'template.overridden', entityType: 'template', entityId: id, payload: { body } }] };
  });
}
