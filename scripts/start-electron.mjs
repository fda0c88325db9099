// `npm start`: builds the app, makes sure better-sqlite3 exists for Electron's ABI, and launches
// Electron. Every failure says what is missing and how to fix it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const nativeDir = join(root, '.electron-native', electronVersion);
const nativeBinding = join(nativeDir, 'better_sqlite3.node');

function fail(message) {
  process.stderr.write(`\nnpm start: ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  return result.status === 0;
}

function buildNativeForElectron() {
  // Build a private copy so the Node build in node_modules (tests, CLI, harness) stays intact.
  const source = join(root, 'node_modules/better-sqlite3');
  const work = join(root, '.electron-native', 'build');
  mkdirSync(work, { recursive: true });
  if (!run('cp', ['-a', `${source}/.`, work])) fail('could not copy better-sqlite3 to build it for Electron');
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  // A configured nodedir (npm's `nodedir`) would make node-gyp build against Node's headers, not Electron's.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_nodedir'));
  const ok = run(process.execPath, [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: work, env });
  if (!ok) {
    fail(
      `better-sqlite3 could not be built for Electron ${electronVersion}.\n` +
        'It needs a C++ toolchain (python3, make, g++; on Windows the Visual Studio Build Tools) and network access to electronjs.org for the Electron headers.\n' +
        'Install those and run npm start again; tests, the CLI and npm run start:web do not need this build.',
    );
  }
  mkdirSync(nativeDir, { recursive: true });
  copyFileSync(join(work, 'build/Release/better_sqlite3.node'), nativeBinding);
}

if (!run('npx', ['electron-vite', 'build'])) fail('the build failed; see the errors above');
if (!existsSync(nativeBinding)) buildNativeForElectron();

let electronBinary;
try {
  electronBinary = require('electron');
} catch (error) {
  fail(`the Electron binary is not available (${error.message}). Run npm install on a machine that can download Electron.`);
}
const launched = spawnSync(electronBinary, ['.'], { stdio: 'inherit', cwd: root, env: { ...process.env, RECOURSE_NATIVE_BINDING: nativeBinding } });
if (launched.error) fail(`Electron could not start: ${launched.error.message}`);
process.exit(launched.status ?? 0);
