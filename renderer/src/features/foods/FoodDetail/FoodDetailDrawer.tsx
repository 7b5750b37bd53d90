import { Drawer, Skeleton, Stack } from '@mantine/core';
import type { Food } from '@contract/foods.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { useCall } from '../../../lib/query.ts';
import { FoodDetailBody } from './FoodDetailBody.tsx';

interface FoodDetailDrawerProps {
  foodId: string | null;
  onClose: () => void;
  onEdit: (food: Food) => void;
  onDelete: (food: Food) => void;
}

/** The chosen food in a side drawer (Escape or the close button goes back to the results). */
export function FoodDetailDrawer({ foodId, onClose, onEdit, onDelete }: FoodDetailDrawerProps) {
  return (
    <Drawer
      opened={foodId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title="Food details"
      closeButtonProps={{ 'aria-label': 'Close the food details' }}
    >
      {foodId && <FoodDetailLoader key={foodId} foodId={foodId} onEdit={onEdit} onDelete={onDelete} />}
    </Drawer>
  );
}

function FoodDetailLoader({
  foodId,
  onEdit,
  onDelete,
}: {
  foodId: string;
  onEdit: (food: Food) => void;
  onDelete: (food: Food) => void;
}): React.JSX.Element {
  const query = useCall('foods.get', { id: foodId }, { staleTime: Infinity });
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
