import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * An administrator's replacement for a shipped template file (`templates/<language>/<name>.hbs`).
 * Kept in the ledger rather than on one machine because any desktop that wins a contact claim
 * sends the message: every desktop must render the same text. A null body puts the shipped
 * file back (configuration rows are never deleted, so the change syncs like any other).
 */
export const templateOverrides = sqliteTable('template_overrides', {
  /** `language/name`, the id `renderMessage` reports. */
  id: text('id').primaryKey(),
  language: text('language').notNull(),
  name: text('name').notNull(),
  body: text('body'),
  updatedBy: text('updated_by').notNull(),
  updatedAt: text('updated_at').notNull(),
});
