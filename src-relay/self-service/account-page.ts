import { randomUUID } from 'node:crypto';
import { planPayments } from '../../src-shared/domain/settlement';
import { escapeHtml as e, pageShell } from './html';
import { formToken, type LinkClaims } from './link-token';
import type { LoanAccount } from './loan-account';
import { LOCALE_OF, textFor, type ErrorKey, type PageText } from './page-text';
import { DISPUTE_CATEGORIES, OPT_OUT_CHANNELS, PREFERRED_CHANNELS, type SubmissionKind } from './submission-forms';
import { borrowerOptions } from './submission-rows';

/** Where each form posts. */
export const FORM_PATHS: Readonly<Record<SubmissionKind, string>> = {
  plan: '/self-service/plan',
  dispute: '/self-service/dispute',
  preferences: '/self-service/preferences',
  optOut: '/self-service/opt-out',
};

/** A form sent back with a problem: which form, which field, and what the borrower had typed. */
export interface FormProblem {
  kind: SubmissionKind;
  field: string | null;
  key: ErrorKey;
  values: Record<string, string>;
}

export interface AccountPageInput {
  account: LoanAccount;
  claims: LinkClaims;
  link: string;
  secret: string;
  done: SubmissionKind | null;
  problem: FormProblem | null;
}

function money(amountMinor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountMinor / 100);
}

/** The hidden fields that make a form this link's and this drawing's (CSRF and idempotency). */
function envelope(input: AccountPageInput, kind: SubmissionKind): string {
  const nonce = randomUUID();
  return `<input type="hidden" name="t" value="${e(input.link)}"><input type="hidden" name="nonce" value="${nonce}"><input type="hidden" name="csrf" value="${formToken(input.secret, input.link, kind, nonce)}">`;
}

function problemFor(input: AccountPageInput, kind: SubmissionKind, text: PageText) {
  const problem = input.problem?.kind === kind ? input.problem : null;
  const summary = problem ? `<div class="notice error" role="alert"><strong>${e(text.errorSummary)}:</strong> ${e(text.errors[problem.key])}</div>` : '';
  const field = (name: string, id: string) =>
    problem?.field === name ? { attrs: ` aria-invalid="true" aria-describedby="${id}-error"`, message: `<p class="field-error" id="${id}-error">${e(text.errors[problem.key])}</p>` } : { attrs: '', message: '' };
  return { summary, field, value: (name: string) => problem?.values[name] ?? '' };
}

function banner(input: AccountPageInput, text: PageText, locale: string): string {
  const { balance } = input.account;
  const m = (minor: number) => money(minor, balance.currency, locale);
  const overdue = input.account.openCase !== null && balance.dpd > 0;
  const figures = `<dl class="figures" aria-label="${e(text.breakdown)}">
<dt>${e(text.principal)}</dt><dd>${m(balance.principalMinor)}</dd>
<dt>${e(text.interest)}</dt><dd>${m(balance.interestMinor)}</dd>
<dt>${e(text.fees)}</dt><dd>${m(balance.feesMinor)}</dd>
<dt class="total">${e(text.balance)}</dt><dd class="total">${m(balance.balanceMinor)}</dd>
<dt>${e(text.dpd)}</dt><dd>${balance.dpd}</dd>
</dl>`;
  const head = overdue
    ? `<h2 id="banner-title">${e(text.overdueTitle(balance.dpd))}</h2><p class="lead">${e(text.overdueLead)}</p><p class="due"><span class="amount">${m(balance.amountPastDueMinor)}</span><span class="label">${e(text.pastDue)}</span></p>`
    : `<h2 id="banner-title">${e(text.currentTitle)}</h2><p class="lead">${e(text.currentLead)}</p>`;
  return `<section class="card banner wide${overdue ? '' : ' current'}" aria-labelledby="banner-title" data-testid="overdue-banner"><div class="columns"><div>${head}</div><div><h3 class="hint">${e(text.breakdown)}</h3>${figures}</div></div></section>`;
}

function planForm(input: AccountPageInput, text: PageText, locale: string): string {
  const options = borrowerOptions(input.account);
  const { summary, field } = problemFor(input, 'plan', text);
  const m = (minor: number) => money(minor, input.account.balance.currency, locale);
  const body =
    input.account.liveOffers.length > 0
      ? `${summary}<p class="notice ok" data-testid="plan-pending">${e(text.planPending)}</p>`
      : options.length === 0
      ? `<p>${e(text.planNone)}</p>`
      : `<form method="post" action="${FORM_PATHS.plan}" novalidate>${envelope(input, 'plan')}${summary}
<fieldset${field('option', 'option').attrs}><legend>${e(text.planChoose)}</legend>
${options
  .map((option, index) => {
    const each = planPayments(option.amountMinor, option.installments).at(-1)!;
    const discount = option.discountPct > 0 ? `<small>${e(text.planDiscount(option.discountPct))}</small>` : '';
    return `<label class="choice"><input type="radio" name="option" value="${option.type}"${index === 0 ? ' required' : ''}><span>${e(text.planOption(option.type, option.installments, m(option.amountMinor), m(each)))}${discount}</span></label>`;
  })
  .join('\n')}
</fieldset>${field('option', 'option').message}
<button type="submit">${e(text.planSubmit)}</button></form>`;
  return `<section class="card" aria-labelledby="plan-title"><h2 id="plan-title">${e(text.planTitle)}</h2><p class="lead">${e(text.planLead)}</p>${body}</section>`;
}

function disputeForm(input: AccountPageInput, text: PageText): string {
  if (!input.account.openCase) return '';
  const { summary, field, value } = problemFor(input, 'dispute', text);
  const category = field('category', 'category');
  const description = field('description', 'description');
  return `<section class="card" aria-labelledby="dispute-title"><h2 id="dispute-title">${e(text.disputeTitle)}</h2><p class="lead">${e(text.disputeLead)}</p>
<form method="post" action="${FORM_PATHS.dispute}" novalidate>${envelope(input, 'dispute')}${summary}
<label class="field" for="category">${e(text.category)}</label>
<select id="category" name="category" required${category.attrs}><option value="">${e(text.categoryChoose)}</option>${DISPUTE_CATEGORIES.map((key) => `<option value="${key}"${value('category') === key ? ' selected' : ''}>${e(text.categories[key])}</option>`).join('')}</select>${category.message}
<p></p><label class="field" for="description">${e(text.description)}</label><p class="hint" id="description-hint">${e(text.descriptionHint)}</p>
<textarea id="description" name="description" required minlength="10" maxlength="2000" aria-describedby="description-hint"${description.attrs}>${e(value('description'))}</textarea>${description.message}
<p></p><button type="submit">${e(text.disputeSubmit)}</button></form></section>`;
}

function preferencesForm(input: AccountPageInput, text: PageText): string {
  const { summary, field, value } = problemFor(input, 'preferences', text);
  const stored = (() => {
    try {
      return JSON.parse(String(input.account.borrower.data.communication_preferences ?? '{}')) as { channel?: string; hours?: { start?: string; end?: string } };
    } catch {
      return {};
    }
  })();
  const channel = value('channel') || stored.channel || '';
  const start = value('hoursStart') || stored.hours?.start || '09:00';
  const end = value('hoursEnd') || stored.hours?.end || '18:00';
  const end_ = field('hoursEnd', 'hours-end');
  const start_ = field('hoursStart', 'hours-start');
  return `<section class="card" aria-labelledby="preferences-title"><h2 id="preferences-title">${e(text.preferencesTitle)}</h2><p class="lead">${e(text.preferencesLead)}</p>
<form method="post" action="${FORM_PATHS.preferences}" novalidate>${envelope(input, 'preferences')}${summary}
<label class="field" for="channel">${e(text.channel)}</label>
<select id="channel" name="channel" required${field('channel', 'channel').attrs}>${PREFERRED_CHANNELS.map((key) => `<option value="${key}"${channel === key ? ' selected' : ''}>${e(text.channels[key])}</option>`).join('')}</select>${field('channel', 'channel').message}
<p></p><fieldset><legend>${e(text.hoursLegend)}</legend><div class="times">
<div><label class="field" for="hours-start">${e(text.hoursStart)}</label><input type="time" id="hours-start" name="hoursStart" value="${e(start)}" required${start_.attrs}>${start_.message}</div>
<div><label class="field" for="hours-end">${e(text.hoursEnd)}</label><input type="time" id="hours-end" name="hoursEnd" value="${e(end)}" required${end_.attrs}>${end_.message}</div>
</div></fieldset>
<button type="submit">${e(text.preferencesSubmit)}</button></form></section>`;
}

function optOutForm(input: AccountPageInput, text: PageText): string {
  const { summary, field } = problemFor(input, 'optOut', text);
  const available = OPT_OUT_CHANNELS.filter((key) => (key === 'text' ? input.account.phones.length > 0 : input.account.emails.length > 0));
  if (available.length === 0) return '';
  return `<section class="card" aria-labelledby="opt-out-title"><h2 id="opt-out-title">${e(text.optOutTitle)}</h2><p class="lead">${e(text.optOutLead)}</p>
<form method="post" action="${FORM_PATHS.optOut}" novalidate>${envelope(input, 'optOut')}${summary}
<fieldset${field('channel', 'opt-out').attrs}><legend>${e(text.optOutChannel)}</legend>
${available.map((key) => `<label class="choice"><input type="radio" name="channel" value="${key}" required><span>${e(text.optOutChannels[key])}</span></label>`).join('\n')}
</fieldset>${field('channel', 'opt-out').message}
<button type="submit" class="secondary">${e(text.optOutSubmit)}</button></form></section>`;
}

/** The borrower's page: the banner first, then each request as its own form, all working without script. */
export function accountPage(input: AccountPageInput): string {
  const text = textFor(input.claims.language);
  const locale = LOCALE_OF[input.claims.language];
  const account = String(input.account.loan.data.account_number);
  const masked = `•••• ${account.slice(-4)}`;
  const done = input.done ? `<div class="notice ok wide" role="status" data-testid="confirmation">${e(text.done[input.done])}</div>` : '';
  const expires = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(input.claims.expiresAt * 1000));
  const body = `<h1>${e(text.heading)}</h1><p class="account">${e(text.account)} ${e(masked)}</p>
<div class="grid">${done}${banner(input, text, locale)}${planForm(input, text, locale)}${disputeForm(input, text)}${preferencesForm(input, text)}${optOutForm(input, text)}</div>`;
  return pageShell(input.claims.language, text.htmlTitle, body, `<p>${e(text.expires(`${expires} UTC`))}</p>`);
}
