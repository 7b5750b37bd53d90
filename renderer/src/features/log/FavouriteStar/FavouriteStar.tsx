import { ActionIcon, Button } from '@mantine/core';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { toApiError } from '../../../lib/errors.ts';
import { useCall, useMutation } from '../../../lib/query.ts';
import { useSessionActions } from '../../../lib/session-context.ts';

/** What a star change makes stale: the favourites and the food lists ranked by them. */
export const FAVOURITE_DATA = ['log.favourites', 'foods.search'] as const;

interface FavouriteStarProps {
  clientId: string;
  foodId: string;
  foodName: string;
  size?: 'sm' | 'md';
  /** A button with words ("Add to favourites") instead of the bare star. */
  withLabel?: boolean;
}

/**
 * Stars a food for this client (their favourites are listed first when logging for them), or
 * unstars it. Pressed while the food is a favourite.
 */
export function FavouriteStar({
  clientId,
  foodId,
  foodName,
  size = 'md',
  withLabel = false,
}: FavouriteStarProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const favourites = useCall('log.favourites', { clientId });
  const set = useMutation('log.setFavourite', { invalidates: FAVOURITE_DATA });
  const starred = favourites.data?.some((f) => f.foodId === foodId) ?? false;
  const toggle = async (): Promise<void> => {
    try {
      await set.run({ clientId, foodId, favourite: !starred });
    } catch (e) {
      reportError(e);
      notify({ title: 'Favourites not changed', message: toApiError(e).message, color: 'red' });
    }
  };
  const label = starred ? `Remove ${foodName} from favourites` : `Add ${foodName} to favourites`;
  if (withLabel)
    return (
      <Button
        variant="subtle"
        color="yellow"
        size="compact-sm"
        leftSection={<span aria-hidden>{starred ? '★' : '☆'}</span>}
        aria-label={label}
        aria-pressed={starred}
        onClick={() => void toggle()}
        loading={set.pending}
        disabled={!favourites.data}
        data-testid="favourite-star"
        data-starred={starred}
        style={{ alignSelf: 'flex-start' }}
      >
        {starred ? 'Favourite for this client' : 'Add to this client’s favourites'}
      </Button>
    );
  return (
    <ActionIcon
      variant="subtle"
      color="yellow"
      size={size}
      aria-label={label}
      aria-pressed={starred}
      title={starred ? 'Favourite for this client (click to remove)' : 'Add to this client’s favourites'}
      onClick={() => void toggle()}
      loading={set.pending}
      disabled={!favourites.data}
      data-testid="favourite-star"
      data-starred={starred}
    >
      {starred ? '★' : '☆'}
    </ActionIcon>
  );
}
