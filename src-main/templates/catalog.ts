import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNELS, type Channel } from '../../src-shared/domain/vocabulary';
import { findResourceFolder } from '../app-paths/resource-folder';
import { compileTemplate, type CompiledTemplate } from './engine';
import { FALLBACK_LANGUAGE } from './language';
import { templateOverride } from './overrides';

/**
 * The template files on disk: `templates/<language>/<name>.hbs`, named as seed 000 does
 * (`{channel}_{default_type}[_{severity}]`, `{channel}_escalation`, plus named letters).
 */

/** Every variable the shipped templates use, with what it holds, for the settings screen and the template tests. */
export const TEMPLATE_VARIABLES: Readonly<Record<string, string>> = {
  borrower_name: 'Borrower contact name',
  borrower_address: 'Postal address, one line per row (letters)',
  default_type: 'payment_default, covenant_breach or infraction',
  default_reason: 'Why the default was opened, in words the borrower can read',
  amount_overdue: 'Amount past due, integer minor units',
  amount_due: 'Amount of the upcoming installment, integer minor units (reminders)',
  balance: 'Outstanding balance, integer minor units',
  currency: 'ISO 4217 code of the amounts',
  days_past_due: 'Days past due',
  severity: 'low, medium, high or critical',
  loan_id: 'Loan identifier the borrower knows',
  deal_id: 'Deal identifier',
  due_date: 'ISO date payment is due: the next installment for a reminder, the pay-by date for a demand',
  letter_date: 'ISO date printed on a letter',
  lender_name: 'Lender name',
  lender_phone: 'Number the borrower can call',
  agent_name: 'Assigned collector, when there is one',
  portal_link: 'Where the borrower can pay online',
};

export interface TemplateInfo {
  /** `language/name`, the form `renderMessage` reports as `templateName`. */
  id: string;
  name: string;
  language: string;
  channel: Channel;
}

const TEMPLATE_NAME = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;
let foundDir: string | undefined;

/**
 * Finds the `templates/` folder: in a packaged app's resources, else walking up from this module
 * (TypeScript sources, the bundled `out/main`). The English folder is the marker because
 * `src-main/templates` (this code) is met on the way up.
 */
export function templatesDir(): string {
  const override = process.env.RECOURSE_TEMPLATES_DIR;
  if (override) return override;
  if (foundDir) return foundDir;
  foundDir = findResourceFolder('templates', FALLBACK_LANGUAGE, dirname(fileURLToPath(import.meta.url)));
  if (!foundDir) throw new Error('cannot find the templates/ folder next to the app');
  return foundDir;
}

export function isTemplateName(name: string): boolean {
  return TEMPLATE_NAME.test(name);
}

export function channelOf(name: string): Channel | null {
  const prefix = name.split('_')[0];
  return CHANNELS.find((channel) => channel === prefix) ?? null;
}

/** Every template file, sorted by language then name. */
export function listTemplates(): TemplateInfo[] {
  const root = templatesDir();
  const found: TemplateInfo[] = [];
  for (const language of readdirSync(root).sort()) {
    if (!/^[a-z]{2,3}$/.test(language) || !statSync(join(root, language)).isDirectory()) continue;
    for (const file of readdirSync(join(root, language)).sort()) {
      const name = file.replace(/\.hbs$/, '');
      const channel = channelOf(name);
      if (file.endsWith('.hbs') && isTemplateName(name) && channel) found.push({ id: `${language}/${name}`, name, language, channel });
    }
  }
  return found;
}

const compiled = new Map<string, { mtimeMs: number; template: CompiledTemplate }>();
const compiledOverrides = new Map<string, CompiledTemplate>();

/**
 * The compiled template for `language/name`: an administrator's override when one is set, else
 * the file, or null when there is neither. Compiled once, and again only when the file or the
 * override changes, so an edited template is picked up without a restart.
 */
export function loadTemplate(language: string, name: string, html: boolean): CompiledTemplate | null {
  const override = templateOverride(language, name);
  if (override !== null) {
    const key = `${html ? 'html' : 'text'}\0${override}`;
    let template = compiledOverrides.get(key);
    if (!template) compiledOverrides.set(key, (template = compileTemplate(override, html)));
    return template;
  }
  const path = join(templatesDir(), language, `${name}.hbs`);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat?.isFile()) return null;
  const cached = compiled.get(path);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.template;
  const template = compileTemplate(readFileSync(path, 'utf8'), html);
  compiled.set(path, { mtimeMs: stat.mtimeMs, template });
  return template;
}
