// `npm run package`: builds the app, rebuilds better-sqlite3 for Electron's ABI, and runs
// electron-builder (electron-builder.yml) for this OS: AppImage + deb on Linux, NSIS on Windows,
// dmg on macOS, into dist/. Extra arguments go to electron-builder (`npm run package -- --dir`).
// The Node build of better-sqlite3 is put back afterwards, so tests and the CLI keep working.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const builderCli = require.resolve('electron-builder/cli.js');
const platformFlag = { linux: '--linux', win32: '--win', darwin: '--mac' }[process.platform];

const releaseMachineNeeds =
  'A release machine needs:\n' +
  '  - Node 20 and npm ci done in this repository;\n' +
  `  - network access to github.com (the Electron ${electronVersion} zip electron-builder packs, and its\n` +
  '    AppImage/NSIS/dmg helpers) and to electronjs.org (headers to build better-sqlite3 for Electron);\n' +
  '  - a C++ toolchain for better-sqlite3 (python3, make, g++; Visual Studio Build Tools on Windows);\n' +
  '  - Linux: electron-builder fetches fpm (deb) and appimagetool itself; on arm64 install fpm (gem install fpm)\n' +
  '    and set USE_SYSTEM_FPM=true;\n' +
  '  - Windows (or wine on Linux) for NSIS; macOS for the dmg, plus a Developer ID to sign and notarize.\n' +
  'See "Packaging a release" in README.md.';

function fail(message) {
  process.stderr.write(`\nnpm run package: ${message}\n\n${releaseMachineNeeds}\n`);
  process.exit(1);
}

function run(args, env = process.env) {
  return spawnSync(args[0], args.slice(1), { stdio: 'inherit', cwd: root, env }).status === 0;
}

// A configured nodedir (npm's `nodedir`) would make the rebuild use Node's headers, not Electron's.
const electronEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_nodedir'));

if (!platformFlag) fail(`electron-builder targets are configured for Linux, Windows and macOS, not ${process.platform}`);
if (!run(['npx', 'electron-vite', 'build'])) fail('the build failed; see the errors above');

// Run both steps, then always put the Node build back before reporting (fail() exits at once).
const rebuilt = run([process.execPath, builderCli, 'install-app-deps'], electronEnv);
const packaged = rebuilt && run([process.execPath, builderCli, platformFlag, '--publish', 'never', ...process.argv.slice(2)], electronEnv);
// install-app-deps rebuilt node_modules/better-sqlite3 for Electron; tests and the CLI need Node's.
const restored = run(['npm', 'rebuild', 'better-sqlite3']);
if (!restored) process.stderr.write('\nnpm run package: could not restore the Node build of better-sqlite3; run `npm rebuild better-sqlite3` before npm test.\n');
if (!rebuilt) fail(`better-sqlite3 could not be rebuilt for Electron ${electronVersion}; see the errors above`);
if (!packaged) fail('electron-builder failed; if it could not download Electron, this machine cannot package');
process.stdout.write(`\nnpm run package: installers for ${process.platform} are in dist/\n`);
