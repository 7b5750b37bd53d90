import { Button, Menu } from '@mantine/core';
import { formatDateTime } from '../../../lib/format.ts';
import { useCall } from '../../../lib/query.ts';
import { statusText } from '../plan-text.ts';

/** The plan's versions, newest first; choosing one opens it. */
export function VersionsMenu({ planId, onOpen }: { planId: string; onOpen: (id: string) => void }) {
  const query = useCall('plans.versions', { planId });
  const versions = query.data ?? [];
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" loading={query.loading && !query.data} data-testid="plan-versions">
          Versions{query.data ? ` (${versions.length})` : ''}
        </Button>
      </Menu.Target>
      <Menu.Dropdown data-testid="plan-versions-list">
        {query.error && <Menu.Label>{query.error.message}</Menu.Label>}
        {[...versions]
          .sort((a, b) => b.version - a.version)
          .map((v) => (
            <Menu.Item key={v.id} disabled={v.id === planId} onClick={() => onOpen(v.id)} data-testid="plan-version">
              {statusText(v)}
              {v.sentAt !== null ? ` · sent ${formatDateTime(v.sentAt)}` : ''}
              {v.id === planId ? ' (open)' : ''}
            </Menu.Item>
          ))}
      </Menu.Dropdown>
    </Menu>
  );
}
