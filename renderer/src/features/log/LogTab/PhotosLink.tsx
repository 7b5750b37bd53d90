import { Badge, Button } from '@mantine/core';
import { formatRoute } from '../../../app/route.ts';
import { CameraIcon } from '../../../components/Icons/Icons.tsx';
import { useCall } from '../../../lib/query.ts';

/** "Meal photos (2 to review)": the client's photos view, with the count still waiting for review. */
export function PhotosLink({ clientId, onOpen }: { clientId: string; onOpen: () => void }): React.JSX.Element {
  const pending = useCall('photos.list', { clientId, status: 'pending' });
  const count = pending.data?.length ?? 0;
  return (
    <Button
      component="a"
      href={formatRoute({ name: 'client-photos', id: clientId })}
      onClick={(e: React.MouseEvent) => {
        e.preventDefault();
        onOpen();
      }}
      variant="default"
      leftSection={<CameraIcon width={16} height={16} />}
      rightSection={
        count > 0 ? (
          <Badge size="sm" circle={count < 10} color="blue" data-testid="client-photos-pending">
            {count}
          </Badge>
        ) : null
      }
      aria-label={count > 0 ? `Meal photos, ${count} to review` : 'Meal photos'}
      data-testid="client-photos-link"
    >
      Meal photos
    </Button>
  );
}
