import type { BrowserWindow } from 'electron';
import Store from 'electron-store';

interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

const store = new Store<{ window: WindowState }>({ name: 'window-state', defaults: { window: { width: 1440, height: 900, maximized: false } } });

export function savedWindowState(): WindowState {
  return store.get('window');
}

/** Remembers size, position and maximised state across launches. */
export function trackWindowState(window: BrowserWindow): void {
  const save = () => {
    const bounds = window.getNormalBounds();
    store.set('window', { ...bounds, maximized: window.isMaximized() });
  };
  window.on('close', save);
}
