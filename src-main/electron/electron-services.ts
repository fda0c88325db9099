import { BrowserWindow, dialog, safeStorage } from 'electron';
import type { LetterPdfRenderer } from '../letters';
import type { SecretCipher } from '../secrets/sealed-file';

/**
 * The OS keychain (Keychain, DPAPI, libsecret) through Electron's safeStorage; undefined where it
 * is not available (a Linux desktop without a secret service), so the file-key cipher stands in.
 */
export function safeStorageCipher(): SecretCipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (sealed) => safeStorage.decryptString(sealed) };
}

/**
 * Letters printed by Electron's own Chromium (`webContents.printToPDF`), so the app ships no
 * second browser. Each letter gets a hidden, script-less window that loads the self-contained HTML.
 */
export function printToPdfRenderer(): LetterPdfRenderer {
  return {
    async render(html) {
      const window = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
      try {
        await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        return await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        window.destroy();
      }
    },
    close: () => Promise.resolve(),
  };
}

/** The system's folder picker, over the focused window. */
export async function chooseFolderDialog(title: string): Promise<string | null> {
  const options = { title, properties: ['openDirectory' as const] };
  const focused = BrowserWindow.getFocusedWindow();
  const chosen = focused ? await dialog.showOpenDialog(focused, options) : await dialog.showOpenDialog(options);
  return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
}
