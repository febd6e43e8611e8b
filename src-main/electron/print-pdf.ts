/**
 * File › Save as PDF…: the page on screen, printed by Chromium itself
 * (`webContents.printToPDF`, A4, the page's print stylesheet) and saved where
 * the user chooses. Reports and the monthly summary are built for this: their
 * print stylesheet leaves out the app's frame and buttons, and because Chromium
 * lays the text out with the system's fonts, Hungarian and Chinese come out as
 * on screen — no PDF library carrying a CJK font of its own. In the browser
 * fallback the same page prints through the browser's own dialog.
 */
import { dialog, type BrowserWindow } from 'electron';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function suggestedPdfName(now: Date): string {
  return `tanoda-${localDate(now)}.pdf`;
}

export async function savePageAsPdf(window: BrowserWindow | null, options: { documentsFolder: string; now: Date }): Promise<void> {
  if (!window) return;
  const choice = await dialog.showSaveDialog(window, {
    title: 'Save as PDF',
    defaultPath: resolve(options.documentsFolder, suggestedPdfName(options.now)),
    buttonLabel: 'Save',
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return;
  try {
    const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    await writeFile(choice.filePath, pdf, { mode: 0o600 });
  } catch (error) {
    dialog.showErrorBox('PDF not saved', error instanceof Error ? error.message : String(error));
  }
}
