import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { Events } from '../../src-shared/contract';

/**
 * The application menu: the usual File, Edit, View and Window menus, a Go menu with a shortcut
 * per screen, and Help with the keyboard shortcuts. The window decides what its user may open.
 */
export function installMenu(window: () => BrowserWindow | null): void {
  const go = (view: Events['app.navigate']['view']) => () => window()?.webContents.send('recourse:event:app.navigate', { view });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'Go',
      submenu: [
        { label: 'Collections queue', accelerator: 'CmdOrCtrl+1', click: go('queue') },
        { label: 'Activity log', accelerator: 'CmdOrCtrl+2', click: go('activity') },
        { label: 'Dashboard', accelerator: 'CmdOrCtrl+3', click: go('dashboard') },
        { label: 'Approvals', accelerator: 'CmdOrCtrl+4', click: go('approvals') },
        { label: 'Compliance', accelerator: 'CmdOrCtrl+5', click: go('compliance') },
        { type: 'separator' },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: go('settings') },
      ],
    },
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Keyboard shortcuts', accelerator: 'Shift+/', click: go('shortcuts') }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
