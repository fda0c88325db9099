import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { startHarness, type RunningHarness } from './support/harness';
import { QueuePage } from './support/queue-page';
import { startRelay, type RunningRelay } from './support/relay';

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', ...args], { env: { ...process.env, RECOURSE_LOG_LEVEL: 'warn' } });

let relay: RunningRelay;
let harness: RunningHarness;
let dir: string;
test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'recourse-e2e-sync-'));
  const dbPath = join(dir, 'desk.db');
  relay = await startRelay();
  // An existing desktop database moves onto the new relay, then the desktop runs connected to it.
  await cli('seed', '--db', dbPath, '--loans', '60');
  await cli('publish', '--db', dbPath, '--relay', relay.url, '--token', relay.token);
  harness = await startHarness({ dbPath, relay });
});
test.afterAll(async () => {
  await harness?.stop();
  await relay?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the sync indicator shows the relay connection, and offline when the relay goes down', async ({ page }) => {
  const queue = new QueuePage(page);
  await page.goto(harness.url);
  const supervisor = (await page.getByRole('option').filter({ hasText: 'supervisor' }).first().locator('p').first().textContent())!;
  await queue.signIn(supervisor);
  const indicator = page.getByTestId('sync-indicator');
  await expect(indicator).toHaveText('Synced');
  await indicator.click();
  await expect(page.getByText(relay.url)).toBeVisible();
  await expect(page.getByText('0 changes waiting to be sent')).toBeVisible();
  await queue.settle();
  await page.screenshot({ path: 'e2e/screenshots/sync-online.png' });
  await page.keyboard.press('Escape');

  await relay.kill();
  await expect(indicator).toHaveText(/^Offline/, { timeout: 15_000 });
  await indicator.click();
  await expect(page.getByText(/cannot reach the relay/)).toBeVisible();
  await queue.settle();
  await expect(page.getByText(/cannot reach the relay/)).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/sync-offline.png' });
});
