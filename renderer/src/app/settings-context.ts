import { createContext, useContext } from 'react';
import type { Settings } from '@contract/settings.ts';

export interface SettingsContextValue {
  /** Null until settings.get has answered. */
  settings: Settings | null;
  /** Saves a change and applies it (the theme at once); rejects with the ApiError. */
  update: (patch: Partial<Settings>) => Promise<Settings>;
}

export const SettingsContext = createContext<SettingsContextValue | null>(null);

export function useSettings(): SettingsContextValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings() is used outside the app shell.');
  return value;
}
