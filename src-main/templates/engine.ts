import Handlebars from 'handlebars';
import { AppError } from '../../src-shared/errors';
import { formatMinor } from '../../src-shared/money';

/**
 * The handlebars side of messages: one private instance with the formatting helpers, and a
 * check that every variable a template needs is present before it renders, so a message never
 * goes out as "Dear ," or "Amount due: undefined".
 */

/** A variable's value as callers pass it: money in integer minor units, dates as ISO dates. */
export type TemplateValue = string | number | null | undefined;
export type TemplateVariables = Readonly<Record<string, TemplateValue>>;

/** What the helpers need to know about the message being rendered. */
interface RenderData {
  locale: string;
  html: boolean;
}

export interface CompiledTemplate {
  /** Top-level variables the template cannot render without. */
  required: readonly string[];
  render(variables: TemplateVariables, data: RenderData): string;
}

const hb = Handlebars.create();
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function dataOf(options: Handlebars.HelperOptions): RenderData {
  return options.data as RenderData;
}

/** `{{money amount_overdue currency}}`: minor units formatted for the currency in the message's locale. */
hb.registerHelper('money', (amount: unknown, currency: unknown, options: Handlebars.HelperOptions) => {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) throw new AppError('validation', `money needs an amount in integer minor units, got ${String(amount)}`);
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) throw new AppError('validation', `money needs an ISO 4217 currency code, got ${String(currency)}`);
  return formatMinor(amount, currency, dataOf(options).locale);
});

/** `{{date due_date}}`: an ISO business date written out long ("March 5, 2026", "5 de marzo de 2026"). */
hb.registerHelper('date', (value: unknown, options: Handlebars.HelperOptions) => {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) throw new AppError('validation', `date needs an ISO date (YYYY-MM-DD), got ${String(value)}`);
  // Business dates carry no time zone; formatting midnight UTC in UTC keeps the calendar day.
  return new Intl.DateTimeFormat(dataOf(options).locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
});

/** `{{days days_past_due}}`: "1 day", "12 days", "1 día" — plural rules come from the locale. */
hb.registerHelper('days', (value: unknown, options: Handlebars.HelperOptions) => {
  const count = Number(value);
  if (!Number.isInteger(count)) throw new AppError('validation', `days needs a whole number, got ${String(value)}`);
  return new Intl.NumberFormat(dataOf(options).locale, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(count);
});

/** `{{lines borrower_address}}`: a multi-line value one row per line: escaped and joined by `<br>` in letters. */
hb.registerHelper('lines', (value: unknown, options: Handlebars.HelperOptions) => {
  const rows = String(value).split(/\r?\n/).map((row) => row.trim()).filter(Boolean);
  if (!dataOf(options).html) return rows.join('\n');
  return new hb.SafeString(rows.map((row) => hb.escapeExpression(row)).join('<br>'));
});

type Node = hbs.AST.Node;

/**
 * The top-level variables a template reads. Handlebars' strict mode only checks plain
 * `{{name}}` lookups, not helper arguments such as `{{money amount_overdue currency}}`, so the
 * template is checked as a whole before rendering. The condition of `{{#if x}}`/`{{#unless x}}`
 * is optional by nature, and so is `x` inside that block; other blocks change the context, so
 * their bodies are left to strict mode at render time.
 */
function collectVariables(node: Node, optional: ReadonlySet<string>, found: Set<string>): void {
  const visit = (child: Node, opt = optional): void => collectVariables(child, opt, found);
  switch (node.type) {
    case 'Program':
      (node as hbs.AST.Program).body.forEach((statement) => visit(statement));
      return;
    case 'MustacheStatement':
    case 'SubExpression': {
      const call = node as hbs.AST.MustacheStatement | hbs.AST.SubExpression;
      // The parser leaves `hash` out when a call has no key=value arguments, whatever the typings say.
      const pairs = call.hash?.pairs ?? [];
      const isHelperCall = call.params.length > 0 || pairs.length > 0 || hb.helpers[(call.path as hbs.AST.PathExpression).original] !== undefined;
      if (!isHelperCall) visit(call.path);
      call.params.forEach((param) => visit(param));
      pairs.forEach((pair) => visit(pair.value));
      return;
    }
    case 'BlockStatement': {
      const block = node as hbs.AST.BlockStatement;
      if (block.path.original !== 'if' && block.path.original !== 'unless') {
        block.params.forEach((param) => visit(param));
        return;
      }
      const conditions = block.params.flatMap((param) => (param.type === 'PathExpression' ? [(param as hbs.AST.PathExpression).parts[0] ?? ''] : []));
      const inner = new Set([...optional, ...conditions]);
      visit(block.program, inner);
      if (block.inverse) visit(block.inverse, inner);
      return;
    }
    case 'PathExpression': {
      const path = node as hbs.AST.PathExpression;
      const name = path.parts[0];
      if (!path.data && path.depth === 0 && name !== undefined && !optional.has(name)) found.add(name);
      return;
    }
  }
}

/** Compiles template source; `html` turns on escaping (letters), text channels are sent verbatim. */
export function compileTemplate(source: string, html: boolean): CompiledTemplate {
  const ast = hb.parse(source);
  const found = new Set<string>();
  collectVariables(ast, new Set(), found);
  const render = hb.compile(ast, { strict: true, noEscape: !html });
  return { required: [...found].sort(), render: (variables, data) => render(variables, { data }) };
}

/** Drops null, undefined and blank values so that they count as missing rather than printing nothing. */
function presentValues(variables: TemplateVariables): Record<string, string | number> {
  const present: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    present[name] = value;
  }
  return present;
}

/**
 * Renders a compiled template, failing with an error that names every missing variable. Strict
 * mode still guards, with Handlebars' own error, the few lookups the check above leaves to it.
 */
export function renderTemplate(templateName: string, template: CompiledTemplate, variables: TemplateVariables, data: RenderData): string {
  const context = presentValues(variables);
  const missing = template.required.filter((name) => !(name in context));
  if (missing.length > 0) {
    throw new AppError('validation', `template ${templateName} needs ${missing.map((name) => `"${name}"`).join(', ')}`, `variables.${missing[0]}`);
  }
  return template.render(context, data);
}
