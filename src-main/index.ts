/**
 * The Electron composition root: one instance, one workspace, one window. It
 * opens the school's database (creating it on first run), locks the window down
 * with the decisions in electron/security.ts, registers the single IPC handler
 * that feeds the router, and builds the menu. There is no domain logic here —
 * everything the window can do goes through the same router as the CLI and the
 * HTTP bridge — so this file stays small enough to review line by line.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, session, shell, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { backUpInteractively, chooseBackupFile, restoreDialogs } from './electron/backup';
import { firstRunDefaults } from './electron/first-run';
import { appDatabaseKey } from './electron/keychain';
import { createOpenedBackups } from './electron/open-backup';
import { startReminderNotifications } from './electron/notifications';
import { applicationMenuTemplate } from './electron/menu';
import { savePageAsPdf } from './electron/print-pdf';
import {
  contentSecurityPolicy,
  decideNavigation,
  decideWindowOpen,
  refusePermissionCheck,
  refusePermissionRequest,
  rendererLocation,
  secureWebPreferences,
  withContentSecurityPolicy,
  type RendererLocation,
} from './electron/security';
import { ipcSessionKey, registerInvokeHandler, workspaceInvokeDependencies } from './ipc/invoke';
import { createBackupScheduler } from './upkeep/backup-scheduler';
import { changeMark } from './changes/changelog';
import { systemActor } from './core/context';
import { syncFolderPath } from './sync';
import { startSyncScheduler } from './sync/scheduler';
import { defaultDatabasePath } from './paths';
import { openWorkspace, prepareFirstScreen, type Workspace } from './api/workspace';

const APP_NAME = 'Tanoda';
const here = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(here, '../preload/index.cjs');
const indexHtmlPath = join(here, '../renderer/index.html');

let mainWindow: BrowserWindow | null = null;
/** `.tanoda` backup files opened from the desktop, offered for restore once the window is up (electron/open-backup.ts). */
const openedBackups = createOpenedBackups();

function openExternally(url: string | undefined): void {
  if (url) void shell.openExternal(url);
}

/** Applied to every web contents the app ever creates, so no window or frame escapes the policy. */
function guardWebContents(contents: WebContents, location: RendererLocation): void {
  contents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url, location);
    if (!decision.allow) {
      event.preventDefault();
      openExternally(decision.openExternally);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!decideNavigation(url, location).allow) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(decideWindowOpen(url).openExternally);
    return { action: 'deny' };
  });
}

function lockDownSession(location: RendererLocation): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(refusePermissionRequest);
  ses.setPermissionCheckHandler(refusePermissionCheck);
  ses.setDevicePermissionHandler(refusePermissionCheck);
  const policy = contentSecurityPolicy(location);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
}

function createWindow(location: RendererLocation): BrowserWindow {
  const window = new BrowserWindow({
    title: APP_NAME,
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  if (location.kind === 'dev') void window.loadURL(location.url);
  else void window.loadFile(indexHtmlPath);
  return window;
}

/** The school's database, encrypted with the key the keychain keeps (made on the first run, or to encrypt a plain file). */
function openAppWorkspace(): Workspace {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const userData = app.getPath('userData');
  const file = defaultDatabasePath(userData);
  const { key, created, secrets } = appDatabaseKey(userData, file);
  return openWorkspace(file, {
    key,
    newKey: created,
    secrets,
    initIfEmpty: firstRunDefaults(app.getLocale(), timeZone),
    onInternalError: (method, error) => console.error(`[tanoda] ${method} failed`, error),
  });
}

function showAbout(workspace: Workspace): void {
  const details = {
    type: 'info' as const,
    title: `About ${APP_NAME}`,
    message: `${APP_NAME} ${app.getVersion()}`,
    detail: `Database: ${workspace.db.file}`,
  };
  if (mainWindow) void dialog.showMessageBox(mainWindow, details);
  else void dialog.showMessageBox(details);
}

function start(location: RendererLocation): void {
  let workspace: Workspace;
  try {
    workspace = openAppWorkspace();
  } catch (error) {
    dialog.showErrorBox(`${APP_NAME} cannot open its database`, error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  app.on('will-quit', () => workspace.close());

  lockDownSession(location);
  registerInvokeHandler(ipcMain, workspaceInvokeDependencies(workspace, location));
  app.on('web-contents-created', (_event, contents) => {
    const key = ipcSessionKey(contents.id);
    contents.once('destroyed', () => workspace.sessions.drop(key));
  });
  // Walking away from the machine locks every window, as the idle lock would later.
  powerMonitor.on('lock-screen', () => workspace.sessions.lockAll());
  powerMonitor.on('suspend', () => workspace.sessions.lockAll());

  const backups = createBackupScheduler({
    clock: workspace.clock,
    changeMark: () => changeMark(workspace.db.sqlite),
    takeBackup: (reason) => workspace.takeBackup(reason),
    onError: (error) => console.error('[tanoda] automatic backup failed', error),
  });
  workspace.backupListeners.add(() => backups.noteBackup());
  void backups.start();
  const backupTimer = setInterval(() => void backups.tick(), 60_000);
  app.on('will-quit', () => clearInterval(backupTimer));
  const sync = startSyncScheduler({
    run: async () => {
      const result = await workspace.invoke({ actor: systemActor }, 'sync.now', {});
      if (!result.ok) throw new Error(result.error.message);
    },
    folder: () => syncFolderPath(workspace.db),
    ignore: (name) => name.includes(workspace.db.deviceId),
    onError: (error) => console.error('[tanoda] sync failed', error),
  });
  app.on('will-quit', () => sync.stop());

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenuTemplate({
        appName: APP_NAME,
        isMac: process.platform === 'darwin',
        isDevelopment: !app.isPackaged,
        backUp: () =>
          void backUpInteractively(mainWindow, workspace.db, { documentsFolder: app.getPath('documents'), now: workspace.clock.now() }),
        restoreFromFile: () =>
          void chooseBackupFile(mainWindow, { documentsFolder: app.getPath('documents') }).then((file) => {
            if (file) void openedBackups.add(file);
          }),
        savePdf: () => void savePageAsPdf(mainWindow, { documentsFolder: app.getPath('documents'), now: workspace.clock.now() }),
        about: () => showAbout(workspace),
      }),
    ),
  );

  mainWindow = createWindow(location);
  // While the window loads and the user signs in, the main process works out the first screen's lists.
  setImmediate(() => void prepareFirstScreen(workspace));
  mainWindow.once('ready-to-show', () =>
    openedBackups.attach({
      host: workspace,
      session: () => (mainWindow ? ipcSessionKey(mainWindow.webContents.id) : null),
      dialogs: restoreDialogs(() => mainWindow),
      afterRestore: () => mainWindow?.webContents.reload(),
    }),
  );
  app.on(
    'will-quit',
    startReminderNotifications(workspace, () => mainWindow),
  );
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(location);
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const location = rendererLocation({
    indexHtmlUrl: pathToFileURL(indexHtmlPath).href,
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    isPackaged: app.isPackaged,
  });
  // Before `ready`: the name fixes the userData folder (and so the database path), the rest covers every window.
  app.setName(APP_NAME);
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, location));
  // A backup file opened from the desktop: on this start's command line, a second start's, or macOS's 'open-file'.
  void openedBackups.addFromArgv(process.argv, process.cwd());
  app.on('open-file', (event, file) => {
    event.preventDefault();
    void openedBackups.add(file);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    void openedBackups.addFromArgv(argv, workingDirectory);
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(() => start(location));
}
