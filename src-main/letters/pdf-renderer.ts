/**
 * Turns a whole letter document into PDF bytes. Two implementations share this interface: in
 * the desktop app the Electron shell supplies one built on a hidden window's
 * `webContents.printToPDF` (no second browser to ship); in Node (CLI, harness, tests) it is
 * `chromiumPdfRenderer` (its own module, so the Electron bundle never pulls in playwright-core).
 */
export interface LetterPdfRenderer {
  render(html: string): Promise<Buffer>;
  close(): Promise<void>;
}
