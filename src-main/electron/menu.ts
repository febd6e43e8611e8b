/**
 * The application menu, kept small on purpose: File (back up, restore from a file, save the page as PDF, quit), Edit (the
 * standard clipboard roles, which text fields need on macOS), View (reload and
 * developer tools only in development — in a packaged app they would be a way
 * around the renderer's restrictions) and Help (about). The template is built
 * from plain data and callbacks, so tests read it without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  readonly isDevelopment: boolean;
  readonly isMac: boolean;
  readonly appName: string;
  backUp(): void;
  /** Chooses a `.tanoda` file and offers to restore it, as if it had been opened from the desktop (open-backup.ts). */
  restoreFromFile(): void;
  /** Saves the page on screen as a PDF (reports, the monthly summary) through Chromium's own printing. */
  savePdf(): void;
  about(): void;
}

export function applicationMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const about: MenuItemConstructorOptions = { label: `About ${actions.appName}`, click: () => actions.about() };
  const backUp: MenuItemConstructorOptions = { label: 'Back up…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.backUp() };
  const restore: MenuItemConstructorOptions = { label: 'Restore from a file…', click: () => actions.restoreFromFile() };
  const savePdf: MenuItemConstructorOptions = { label: 'Save as PDF…', accelerator: 'CmdOrCtrl+Shift+P', click: () => actions.savePdf() };
  const template: MenuItemConstructorOptions[] = [];
  if (actions.isMac) {
    template.push({
      label: actions.appName,
      submenu: [
        about,
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: 'File',
    submenu: actions.isMac
      ? [backUp, restore, savePdf, { type: 'separator' }, { role: 'close' }]
      : [backUp, restore, savePdf, { type: 'separator' }, { role: 'quit' }],
  });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  if (actions.isDevelopment) {
    template.push({ label: 'View', submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] });
  }
  template.push({ label: 'Help', submenu: [about] });
  return template;
}
