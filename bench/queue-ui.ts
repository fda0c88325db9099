import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { summarize } from './stats';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FILTER_CHANGES = 50;

/**
 * Runs in the page, from the input event to the frame that shows the new total and rows, so the
 * figure is the app's and not the test driver's round trips. Kept as text: the bench's own
 * transpiler would otherwise wrap its inner functions in helpers the page does not have.
 */
const TIME_FILTER_CHANGE = `(value, text) => {
  const label = [...document.querySelectorAll('label')].find((candidate) => candidate.textContent === 'DPD from');
  const input = document.getElementById(label.htmlFor);
  const started = performance.now();
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return new Promise((resolve) => {
    const check = () => {
      const shown = document.querySelector('[data-testid="queue-total"]')?.textContent === text && document.querySelector('tbody tr[data-case-id]') !== null;
      if (shown) resolve(performance.now() - started);
      else requestAnimationFrame(check);
    };
    check();
  });
}`;

/** Starts the harness (`npm run start:web` without the build) on a database, as users run it. */
async function startHarness(dbPath: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/harness/main.ts', '--port', '0', '--db', dbPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RECOURSE_LOG_LEVEL: 'warn' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
      const match = /running at (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`harness exited with ${code}: ${stderr}`)));
  });
  return { url, stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }) };
}

/**
 * DPD floors whose active-case counts all differ from the one before, so every change shows a new
 * total, and each asks main a query the screen has not cached.
 */
function dpdFloors(dbPath: string): { dpdMin: number; total: number }[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    const counts = db.prepare('SELECT dpd, count(*) AS n FROM cases WHERE active = 1 GROUP BY dpd ORDER BY dpd DESC').all() as { dpd: number; n: number }[];
    let atLeast = 0;
    const totalFrom = new Map<number, number>();
    for (const { dpd, n } of counts) totalFrom.set(dpd, (atLeast += n));
    const floors = [...totalFrom.entries()].map(([dpdMin, total]) => ({ dpdMin, total })).sort((a, b) => a.dpdMin - b.dpdMin);
    const step = Math.max(1, Math.floor(floors.length / FILTER_CHANGES));
    return floors.filter((_, index) => index % step === 0).slice(0, FILTER_CHANGES);
  } finally {
    db.close();
  }
}

/**
 * Issue 6's queue figures, measured in Chromium against the harness: time from signing in to the
 * first queue rows, and from typing a DPD floor to the queue showing its new total and rows.
 */
export async function benchQueueUi(dbPath: string, progress: (message: string) => void) {
  if (!existsSync('out/renderer/index.html')) {
    progress('building the renderer');
    const build = spawnSync('npx', ['electron-vite', 'build'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`electron-vite build failed: ${build.stderr}`);
  }
  const floors = dpdFloors(dbPath);
  const harness = await startHarness(dbPath);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(harness.url);
    const agent = page.getByRole('option').filter({ hasText: 'agent' }).first();
    const name = (await agent.locator('p').first().textContent())!;
    await agent.click();
    await page.getByLabel('Password').fill('recourse');
    const signedIn = performance.now();
    await page.getByRole('button', { name: `Sign in as ${name}` }).click();
    await page.locator('table[aria-label="Collections queue"] tbody tr[data-case-id]').first().waitFor();
    const firstRowsMs = Math.round(performance.now() - signedIn);

    progress(`queue: first rows in ${firstRowsMs} ms; ${floors.length} filter changes`);
    await page.getByRole('button', { name: 'More filters' }).click();
    await page.getByRole('textbox', { name: 'DPD from' }).waitFor();
    const samples: number[] = [];
    for (const { dpdMin, total } of floors) {
      const expected = `${total.toLocaleString('en-US')} case${total === 1 ? '' : 's'}`;
      samples.push((await page.evaluate(`(${TIME_FILTER_CHANGE})(${JSON.stringify(String(dpdMin))}, ${JSON.stringify(expected)})`)) as number);
    }
    return { firstRowsMs, filterChangeMs: summarize(samples), filterChanges: samples.length };
  } finally {
    await browser.close();
    await harness.stop();
  }
}

if (process.argv[1]?.endsWith('queue-ui.ts') && process.argv[2]) {
  process.stdout.write(`${JSON.stringify(await benchQueueUi(process.argv[2], (message) => process.stderr.write(`${message}\n`)), null, 2)}\n`);
}
