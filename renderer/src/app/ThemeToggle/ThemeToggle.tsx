import { ActionIcon, Tooltip, useComputedColorScheme } from '@mantine/core';
import { MoonIcon, SunIcon } from '../../components/Icons/Icons.tsx';
import { useNotify } from '../../components/Notifications/notify-context.ts';
import { toApiError } from '../../lib/errors.ts';
import { useSettings } from '../settings-context.ts';

/** Flips between light and dark and saves the choice as the `theme` setting. */
export function ThemeToggle(): React.JSX.Element {
  const computed = useComputedColorScheme('light');
  const { update } = useSettings();
  const notify = useNotify();
  const next = computed === 'dark' ? 'light' : 'dark';
  const label = `Switch to ${next} colour scheme`;

  const toggle = (): void => {
    update({ theme: next }).catch((e: unknown) =>
      notify({ title: 'Theme not saved', message: toApiError(e).message, color: 'red' }),
    );
  };

  return (
    <Tooltip label={label}>
      <ActionIcon variant="default" size="lg" aria-label={label} onClick={toggle} data-testid="theme-toggle">
        {computed === 'dark' ? <SunIcon /> : <MoonIcon />}
      </ActionIcon>
    </Tooltip>
  );
}
