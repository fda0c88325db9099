import type { WebContents } from 'electron';

/** Only the app's own pages may call the contract: the dev server in development, else app files. */
export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  if (devServerUrl) return url.startsWith(devServerUrl);
  return url.startsWith('file://');
}

/** Denies in-app navigation and new windows: Recourse shows only its own renderer. */
export function lockDownContents(contents: WebContents, devServerUrl: string | undefined): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
