import { Select } from '@mantine/core';
import { useState } from 'react';
import { useFailureNotice } from '../../../components/Notifications/use-failure-notice.ts';
import { optionsFrom } from '../../../lib/labels.ts';
import { AUTO_SYNC_LABELS, isAutoSyncValue } from './sync-text.ts';
import { useMutation } from '../../../lib/query.ts';

interface AutoSyncSelectProps {
  minutes: number;
}

/** How often this computer syncs by itself while unlocked. */
export function AutoSyncSelect({ minutes }: AutoSyncSelectProps): React.JSX.Element {
  const failed = useFailureNotice();
  const [saving, setSaving] = useState(false);
  const configure = useMutation('sync.configure', { invalidates: [], updates: 'sync.status' });
  const value = String(minutes);

  const change = async (v: string | null): Promise<void> => {
    if (v === null || !isAutoSyncValue(v) || v === value) return;
    setSaving(true);
    try {
      await configure.run({ autoSyncMinutes: Number(v) as 0 | 5 | 15 | 60 });
    } catch (e) {
      failed('Automatic sync not changed', e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Select
      label="Automatic sync"
      description="While the app is unlocked"
      data={optionsFrom(AUTO_SYNC_LABELS)}
      value={isAutoSyncValue(value) ? value : null}
      onChange={(v) => void change(v)}
      allowDeselect={false}
      disabled={saving}
      maw={260}
      data-testid="sync-auto"
    />
  );
}
