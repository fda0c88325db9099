// Runs the Playwright specs in Debian's Chromium (never a downloaded browser).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  process.stderr.write(`e2e needs Chromium at ${chromium}: apt-get install -y chromium (or set CHROMIUM_PATH)\n`);
  process.exit(1);
}
if (!existsSync('out/renderer/index.html')) {
  process.stderr.write('e2e needs the built renderer: run npm run build first\n');
  process.exit(1);
}
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
