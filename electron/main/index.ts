import { app, BrowserWindow, ipcMain, safeStorage, session, shell, type WebContents } from 'electron';
import Store from 'electron-store';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { relayCore, type RemoteCore } from '../../core/host/core-relay.ts';
import { createLogger, redactText, type Logger, type LogSink } from '../../core/logging/log.ts';
import { APP_VERSION } from '../../core/version.ts';
import { CSP } from '../../core/security/csp.ts';
import { createAppUrlPolicy, forwardEvents, registerIpc } from './ipc.ts';
import { createElectronPdfRenderer } from './pdf.ts';
import { createSafeStorageVault, type KeyStore } from './keys.ts';
import { startUtilityCore } from './core-process.ts';

/**
 * The Electron composition root: process lifecycle, the one window and its security policy, the
 * keychain vault, printing, and the relay to the core. The core runs in its own utility process
 * (core/host/core-entry.ts), so its synchronous work never freezes the window or its IPC; this process
 * keeps only what must live here: the OS keychain (safeStorage) and printToPDF.
 *
 * Build layout (electron.vite.config.ts): out/main/index.js (this file, ESM),
 * out/main/migrations/, out/preload/index.cjs (sandboxed preload), out/renderer/index.html.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD = path.join(here, '..', 'preload', 'index.cjs');
const RENDERER_HTML = path.join(here, '..', 'renderer', 'index.html');
const MIGRATIONS = path.join(here, 'migrations');
const CORE_PROCESS = path.join(here, 'core-process.js');

/** The dev server URL electron-vite sets in `dev`; never honoured in a packaged app. */
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const appUrl = devServerUrl ?? pathToFileURL(RENDERER_HTML).href;
const isAppUrl = createAppUrlPolicy(appUrl);

// The policy is shared with the browser host (core/security/csp.ts).

/** Dev only: the React refresh preamble is an inline script and Vite's HMR uses a WebSocket. */
const DEV_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
  "connect-src 'self'",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
);

/**
 * Test isolation: BIOAI_DATA_DIR moves the data folder, and the Chromium profile (which holds the
 * 'keys' store with the keychain copy of the data key) moves beside it, so a test never reads or
 * overwrites the practitioner's keychain copy. BIOAI_PROFILE_DIR sets the profile explicitly.
 */
const dataDirOverride = process.env['BIOAI_DATA_DIR'];
const profileOverride =
  process.env['BIOAI_PROFILE_DIR'] ?? (dataDirOverride ? `${path.resolve(dataDirOverride)}-profile` : undefined);
if (profileOverride) {
  app.setPath('userData', path.resolve(profileOverride));
  app.setAppLogsPath(path.join(path.resolve(profileOverride), 'logs'));
}

// Every renderer sandboxed, whatever a future BrowserWindow forgets to say.
app.enableSandbox();

let core: RemoteCore | null = null;
let mainWindow: BrowserWindow | null = null;
let log: Logger = createLogger(() => undefined);

function createFileSink(dir: string): LogSink {
  fs.mkdirSync(dir, { recursive: true });
  const stream = fs.createWriteStream(path.join(dir, 'main.log'), { flags: 'a', mode: 0o600 });
  const toStderr = !app.isPackaged;
  return (line) => {
    stream.write(`${line}\n`);
    if (toStderr) process.stderr.write(`${line}\n`);
  };
}

/** The electron-store named 'keys' in userData, behind the KeyStore interface keys.ts tests against. */
function createKeyStore(): KeyStore {
  const store = new Store<{ wrappedKey?: string; backend?: string }>({ name: 'keys' });
  return {
    read: () => ({ wrappedKey: store.get('wrappedKey'), backend: store.get('backend') }),
    write: (entry) => store.set(entry),
    clear: () => store.clear(),
  };
}

function openExternalIfHttps(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'https:') {
    log.warn('blocked opening a non-https link', { protocol: parsed.protocol });
    return;
  }
  void shell.openExternal(parsed.href).catch((err: unknown) => log.warn('could not open link', { error: err }));
}

/** Navigation and window guards, applied to every WebContents the app ever creates. */
function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log.warn('blocked navigation away from the app');
  });
  contents.on('will-redirect', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log.warn('blocked a redirect away from the app');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfHttps(url);
    return { action: 'deny' };
  });
}

function configureSession(): void {
  const ses = session.defaultSession;
  const policy = devServerUrl ? DEV_CSP : CSP;
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) {
      callback({});
      return;
    }
    // Replace any CSP the response already has (header names are case-insensitive).
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
  // The one permission granted: the app's own pages may write text to the clipboard (Copy on the
  // recovery code screen). Reading it, and everything else, stays refused.
  const allowed = (permission: string, url: string): boolean =>
    permission === 'clipboard-sanitized-write' && isAppUrl(url);
  ses.setPermissionRequestHandler((contents, permission, callback) => {
    if (allowed(permission, contents.getURL())) return callback(true);
    log.info('denied a permission request', { permission });
    callback(false);
  });
  ses.setPermissionCheckHandler((contents, permission) => allowed(permission, contents?.getURL() ?? ''));
  ses.setDevicePermissionHandler(() => false);
}

function createWindow(activeCore: RemoteCore): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'BioAI Nutrition',
    autoHideMenuBar: true,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // Middle-click (auxclick) would otherwise open links in a new window, bypassing will-navigate;
      // the window-open handler denies those too, this keeps the event from firing at all.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  const stopForwarding = forwardEvents(activeCore.subscribe, win.webContents);
  win.on('closed', () => {
    stopForwarding();
    if (mainWindow === win) mainWindow = null;
  });
  const loaded = devServerUrl ? win.loadURL(devServerUrl) : win.loadFile(RENDERER_HTML);
  loaded.catch((err: unknown) => log.error('could not load the renderer', { error: err }));
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  const fileSink = createFileSink(app.getPath('logs'));
  log = createLogger(fileSink, 'info', 'main');
  const version = app.getVersion();
  log.info('starting', {
    version,
    electron: process.versions.electron,
    platform: process.platform,
    packaged: app.isPackaged,
  });
  if (version !== APP_VERSION)
    log.warn('package.json and core/version.ts disagree', { app: version, core: APP_VERSION });

  configureSession();

  const dataDir = dataDirOverride ? path.resolve(dataDirOverride) : path.join(app.getPath('userData'), 'data');
  const vault = createSafeStorageVault({ safeStorage, store: createKeyStore(), platform: process.platform, log });
  // Installed: electron-builder's extraResources put resources/ beside app.asar; unpackaged: the repo.
  const resourcesDir = app.isPackaged
    ? path.join(process.resourcesPath, 'resources')
    : path.join(app.getAppPath(), 'resources');
  const activeCore = relayCore({
    init: {
      dataDir,
      host: 'electron',
      logLevel: 'info',
      migrationsDir: MIGRATIONS,
      foodsFile: path.join(resourcesDir, 'foods', 'usda-sr28.json.gz'),
      modelDir: app.isPackaged
        ? path.join(process.resourcesPath, 'models', 'meal-detector')
        : path.join(app.getAppPath(), 'models', 'meal-detector'),
      detectorWorker: path.join(here, 'detector-worker.js'),
      rulesDir: app.isPackaged ? path.join(process.resourcesPath, 'rules') : path.join(app.getAppPath(), 'rules'),
      ruleWorker: path.join(here, 'rule-worker.js'),
      planWorker: path.join(here, 'plan-worker.js'),
      planPool: path.join(resourcesDir, 'plans', 'pool.json'),
      integrityCheck: { workerPath: path.join(here, 'integrity-worker.js') },
      // Reports print through Electron's own Chromium (webContents.printToPDF), here in main.
      printThroughHost: true,
      // The keychain copy of the data key opens the data at start; a failure only shows the passphrase screen.
      autoUnlock: true,
    },
    start: () => startUtilityCore(CORE_PROCESS),
    log,
    logSink: fileSink,
    vault,
    pdf: createElectronPdfRenderer(),
  });
  core = activeCore;
  registerIpc(ipcMain, activeCore.dispatch, { isAppUrl, log });
  log.info('keychain', { backend: vault.backend() });
  mainWindow = createWindow(activeCore);

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings one back.
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(activeCore);
  });
}

if (!app.requestSingleInstanceLock()) {
  // One process per profile: two would open the same SQLite file and keys store.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    // The core closes its database and stops its timers first; then the app quits for real.
    const closing = core;
    if (!closing) return;
    core = null;
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });
  start().catch((err: unknown) => {
    log.error('startup failed', { error: err });
    // Through the same PII filter as every log line: a start-up error can quote a path or a value.
    process.stderr.write(
      `BioAI Nutrition failed to start: ${redactText(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`,
    );
    app.exit(1);
  });
}
