import { useMantineColorScheme } from '@mantine/core';
import { useCallback, useEffect, useEffectEvent, useMemo, useState } from 'react';
import type { Settings } from '@contract/settings.ts';
import { call } from '../../lib/api.ts';
import { useSessionActions } from '../../lib/session-context.ts';
import type { SettingsContextValue } from '../settings-context.ts';

/**
 * Loads the settings once unlocked and keeps Mantine's colour scheme in step with the `theme`
 * setting. The change is applied before the save answers, so the toggle feels instant; a failed
 * save puts the previous scheme back.
 */
export function useSettingsState(): SettingsContextValue {
  const { reportError } = useSessionActions();
  const { setColorScheme } = useMantineColorScheme();
  const [settings, setSettings] = useState<Settings | null>(null);

  // Mantine's setColorScheme is a new function on every render: as an effect dependency it made this
  // effect load the settings again after every render (an endless settings.get loop).
  const loaded = useEffectEvent((s: Settings) => {
    setSettings(s);
    setColorScheme(s.theme);
  });
  const failed = useEffectEvent((e: unknown) => reportError(e));

  useEffect(() => {
    let current = true;
    call('settings.get').then(
      (s) => {
        if (current) loaded(s);
      },
      (e: unknown) => {
        if (current) failed(e);
      },
    );
    return () => {
      current = false;
    };
  }, []);

  const update = useCallback(
    async (patch: Partial<Settings>): Promise<Settings> => {
      const previous = settings;
      if (patch.theme) setColorScheme(patch.theme);
      try {
        const saved = await call('settings.update', patch);
        setSettings(saved);
        return saved;
      } catch (e) {
        if (patch.theme && previous) setColorScheme(previous.theme);
        reportError(e);
        throw e;
      }
    },
    [settings, reportError, setColorScheme],
  );

  return useMemo(() => ({ settings, update }), [settings, update]);
}
