import fs from 'node:fs';

/**
 * Where Chromium is and how it is started, for everything that drives it through Playwright: the
 * report printer, the end-to-end tests, the benches and the screenshot script. One list of flags, so
 * a test or a bench measures the browser the way the app runs it.
 */

/** Debian's Chromium; CHROMIUM_PATH names another. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Chromium's headless shell (Debian's chromium-headless-shell, the "old" headless mode as its own
 * program): it has no browser UI layer, so it starts in about half the time of the full browser in
 * headless mode and prints a report with about a third of its CPU time. Same Blink, so the same layout
 * and PDF output; printing prefers it when it is installed.
 */
export const DEFAULT_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/**
 * Flags for a Chromium with no one at the screen: no sandbox (it runs as root in containers and CI;
 * the pages it loads are the app's own), no GPU, and none of the browser's own network traffic
 * (component updates, sync, QUIC probes, first-run pages). Playwright adds --headless itself when
 * launched with `headless: true`.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The full browser: CHROMIUM_PATH (when set and not empty), else Debian's Chromium. */
export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] || DEFAULT_CHROMIUM;
}

/** The Chromium that prints reports: BIOAI_PDF_CHROMIUM, else the headless shell if installed, else the browser. */
export function printerChromiumPath(): string {
  const chosen = process.env['BIOAI_PDF_CHROMIUM'];
  if (chosen) return chosen;
  if (fs.existsSync(DEFAULT_HEADLESS_SHELL)) return DEFAULT_HEADLESS_SHELL;
  return chromiumPath();
}

/** Options for Playwright's chromium.launch(): headless, with the shared flags. */
export function chromiumLaunchOptions(executablePath: string = chromiumPath()): {
  executablePath: string;
  headless: true;
  args: string[];
} {
  return { executablePath, headless: true, args: [...CHROMIUM_ARGS] };
}

/**
 * Arguments for an Electron app launched by Playwright: Chromium (inside Electron) refuses its
 * sandbox when run as root, as in containers and CI.
 */
export function electronSandboxArgs(): string[] {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot ? ['--no-sandbox'] : [];
}
