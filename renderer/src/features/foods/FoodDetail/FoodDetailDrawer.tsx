import { Drawer, Skeleton, Stack } from '@mantine/core';
import type { Food } from '@contract/foods.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { call } from '../../../lib/api.ts';
import { useQuery } from '../../../lib/use-query.ts';
import { FoodDetailBody } from './FoodDetailBody.tsx';

interface FoodDetailDrawerProps {
  foodId: string | null;
  revision: number;
  onClose: () => void;
  onEdit: (food: Food) => void;
  onDelete: (food: Food) => void;
}

/** The chosen food in a side drawer (Escape or the close button goes back to the results). */
export function FoodDetailDrawer({ foodId, revision, onClose, onEdit, onDelete }: FoodDetailDrawerProps) {
  return (
    <Drawer
      opened={foodId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title="Food details"
      closeButtonProps={{ 'aria-label': 'Close the food details' }}
    >
      {foodId && (
        <FoodDetailLoader key={foodId} foodId={foodId} revision={revision} onEdit={onEdit} onDelete={onDelete} />
      )}
    </Drawer>
  );
}

function FoodDetailLoader({
  foodId,
  revision,
  onEdit,
  onDelete,
}: {
  foodId: string;
  revision: number;
  onEdit: (food: Food) => void;
  onDelete: (food: Food) => void;
}): React.JSX.Element {
  const query = useQuery(`foods.get:${foodId}:${revision}`, () => call('foods.get', { id: foodId }));
  const food = query.data;
  return (
    <Stack data-testid="food-detail">
      {query.error && <ErrorAlert title="Could not load the food" error={query.error} onRetry={query.reload} />}
      {!food && !query.error && (
        <Stack aria-busy="true" aria-label="Loading the food">
          <Skeleton height={28} width="60%" />
          <Skeleton height={300} />
        </Stack>
      )}
      {food && <FoodDetailBody food={food} onEdit={() => onEdit(food)} onDelete={() => onDelete(food)} />}
    </Stack>
  );
}
