import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'BioAI Nutrition';

/**
 * The data folder the desktop app uses (Electron's userData + /data), so the CLI and the browser
 * host open the same files by default: ~/.config/BioAI Nutrition/data on Linux,
 * ~/Library/Application Support/… on macOS, %APPDATA%\… on Windows. BIOAI_DATA_DIR overrides it.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.BIOAI_DATA_DIR) return path.resolve(env.BIOAI_DATA_DIR);
  const home = os.homedir();
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  return path.join(base, PRODUCT_NAME, 'data');
}
