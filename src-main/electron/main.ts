import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName, Events } from '../../src-shared/contract';
import { seedDatabase, todayUtc } from '../demo/seed-database';
import type { Session } from '../ipc/handler-types';
import { createDesktopServices } from '../app/desktop-services';
import { log } from '../log/logger';
import { startScheduler } from '../scheduler/scheduler';
import { openStore } from '../store/open-store';
import { chooseFolderDialog, printToPdfRenderer, safeStorageCipher } from './electron-services';
import { installMenu } from './menu';
import { isTrustedUrl, lockDownContents } from './security';
import { savedWindowState, trackWindowState } from './window-state';

/**
 * The Electron shell: one window, locked down, talking to the same dispatcher the harness uses.
 * better-sqlite3 for Electron's ABI comes from `RECOURSE_NATIVE_BINDING` (set by `npm start`).
 */
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

if (!app.requestSingleInstanceLock()) app.quit();

function openDatabase() {
  const path = process.env.RECOURSE_DB ?? join(app.getPath('userData'), 'recourse.db');
  const fresh = !existsSync(path);
  const store = openStore(path, { nativeBinding: process.env.RECOURSE_NATIVE_BINDING });
  if (fresh) seedDatabase(store, { loans: 200, seed: 1, asOf: todayUtc() });
  return store;
}

function createWindow(): BrowserWindow {
  const state = savedWindowState();
  const window = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    show: false,
    title: 'Recourse',
    webPreferences: { preload: join(import.meta.dirname, '../preload/index.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
  if (state.maximized) window.maximize();
  trackWindowState(window);
  lockDownContents(window.webContents, devServerUrl);
  window.once('ready-to-show', () => window.show());
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return window;
}

function openDatabaseOrExplain() {
  try {
    return openDatabase();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox(
      'Recourse cannot open its database',
      `${reason}\n\nIf this mentions better_sqlite3.node or NODE_MODULE_VERSION, start Recourse with npm start, which builds SQLite for this Electron version.`,
    );
    app.exit(1);
    return null;
  }
}

void app.whenReady().then(() => {
  const store = openDatabaseOrExplain();
  if (!store) return;
  const sessions = new Map<number, Session>();
  const broadcast = <E extends EventName>(event: E, payload: Events[E]) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(`recourse:event:${event}`, payload);
  };
  const services = createDesktopServices({ store, secretsDir: join(app.getPath('userData'), 'secrets'), cipher: safeStorageCipher(), letterRenderer: printToPdfRenderer(), chooseFolder: chooseFolderDialog, broadcast });
  const { communications, dispatch } = services;
  services.start();
  ipcMain.handle('recourse:call', (event, channel: unknown, payload: unknown) => {
    if (!event.senderFrame || !isTrustedUrl(event.senderFrame.url, devServerUrl)) {
      return { ok: false, error: { code: 'forbidden', message: 'calls are accepted from the Recourse window only' } };
    }
    let session = sessions.get(event.sender.id);
    if (!session) {
      session = { user: null };
      sessions.set(event.sender.id, session);
      event.sender.once('destroyed', () => sessions.delete(event.sender.id));
    }
    return dispatch(session, channel, payload);
  });
  const scheduler = startScheduler(store, broadcast, { communications, engineMode: () => (services.sync.status().state === 'local' ? 'local' : 'relay') });
  const window = createWindow();
  installMenu(() => (window.isDestroyed() ? null : window));
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    scheduler.stop();
    void services.close().finally(() => {
      store.close();
      app.quit();
    });
  });
  log.info('recourse started', { db: store.path });
});
