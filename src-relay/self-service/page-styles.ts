/**
 * The pages' one stylesheet, served from the relay so the Content-Security-Policy can forbid every
 * inline style and script. Mobile first; colours keep at least 4.5:1 contrast on their backgrounds.
 */
export const PAGE_STYLES = `
:root { --ink: #14213d; --muted: #4a5568; --line: #d9dee7; --page: #f3f5f9; --card: #ffffff; --brand: #0b3d91; --brand-dark: #082c69;
  --alert: #9b1c1c; --alert-bg: #fdf0f0; --ok: #1b5e20; --ok-bg: #edf7ee; --focus: #f6b93b; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--page); }
a { color: var(--brand); }
.skip { position: absolute; left: -999px; top: 0; background: var(--card); padding: 8px 12px; z-index: 2; }
.skip:focus { left: 8px; top: 8px; }
header.top { background: var(--brand); color: #fff; }
header.top .bar { max-width: 1080px; margin: 0 auto; padding: 14px 20px; display: flex; align-items: center; justify-content: space-between; gap: 12px; }
.brand { font-weight: 700; font-size: 1.15rem; letter-spacing: .02em; display: flex; align-items: center; gap: 10px; }
.brand .mark { width: 28px; height: 28px; border-radius: 7px; background: #fff; color: var(--brand); display: grid; place-items: center; font-weight: 800; }
.secure { font-size: .85rem; display: flex; align-items: center; gap: 6px; opacity: .95; }
.secure svg { width: 14px; height: 14px; fill: currentColor; }
main { max-width: 1080px; margin: 0 auto; padding: 20px 16px 40px; }
h1 { font-size: 1.5rem; margin: 4px 0 2px; }
.account { color: var(--muted); margin: 0 0 16px; }
.grid { display: grid; gap: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 14px; padding: 20px; box-shadow: 0 1px 2px rgba(20,33,61,.05); }
.card h2 { font-size: 1.15rem; margin: 0 0 4px; }
.card p.lead { color: var(--muted); margin: 0 0 16px; }
.banner { border-left: 6px solid var(--alert); }
.banner.current { border-left-color: var(--ok); }
.banner h2 { color: var(--alert); font-size: 1.25rem; }
.banner.current h2 { color: var(--ok); }
.due { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; margin: 8px 0 16px; }
.due .amount { font-size: 2.25rem; font-weight: 750; letter-spacing: -.01em; }
.due .label { color: var(--muted); }
dl.figures { display: grid; grid-template-columns: 1fr auto; margin: 0; border-top: 1px solid var(--line); }
dl.figures dt, dl.figures dd { padding: 10px 0; border-bottom: 1px solid var(--line); margin: 0; }
dl.figures dd { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
dl.figures .total { font-weight: 750; }
.notice { border-radius: 10px; padding: 12px 14px; margin: 0 0 16px; }
.notice.ok { background: var(--ok-bg); color: var(--ok); border: 1px solid #b7dfba; }
.notice.error { background: var(--alert-bg); color: var(--alert); border: 1px solid #f0c2c2; }
fieldset { border: 0; margin: 0 0 16px; padding: 0; }
legend, label.field { display: block; font-weight: 600; margin-bottom: 6px; }
.hint { color: var(--muted); font-size: .9rem; margin: -2px 0 6px; }
.choice { display: flex; gap: 12px; align-items: flex-start; padding: 12px 14px; border: 1px solid var(--line); border-radius: 10px; margin-bottom: 8px; cursor: pointer; }
.choice:hover { border-color: var(--brand); }
.choice input { flex: none; margin-top: 4px; width: 18px; height: 18px; accent-color: var(--brand); }
.choice small { display: block; color: var(--muted); }
select, textarea, input[type=time] { width: 100%; font: inherit; color: var(--ink); background: #fff; border: 1px solid #8a94a6; border-radius: 8px; padding: 10px 12px; }
textarea { min-height: 110px; resize: vertical; }
.times { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
[aria-invalid=true] { border-color: var(--alert); }
.field-error { color: var(--alert); font-size: .9rem; margin: 6px 0 0; }
button { font: inherit; font-weight: 650; color: #fff; background: var(--brand); border: 0; border-radius: 10px; padding: 12px 18px; width: 100%; cursor: pointer; min-height: 48px; }
button:hover { background: var(--brand-dark); }
button.secondary { background: #fff; color: var(--alert); border: 1px solid var(--alert); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
footer { max-width: 1080px; margin: 0 auto; padding: 0 16px 32px; color: var(--muted); font-size: .9rem; }
.refusal { max-width: 560px; margin: 40px auto; text-align: center; }
.refusal h1 { color: var(--alert); }
@media (min-width: 860px) {
  main { padding: 32px 24px 48px; }
  footer { padding: 0 24px 40px; }
  h1 { font-size: 1.9rem; }
  .grid { grid-template-columns: 1fr 1fr; align-items: start; gap: 20px; }
  .grid .wide { grid-column: 1 / -1; }
  .banner .columns { display: grid; grid-template-columns: 1fr 1.2fr; gap: 32px; align-items: center; }
  button { width: auto; }
}
`;
