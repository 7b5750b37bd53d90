import { Text } from '@mantine/core';
import type { Food } from '@contract/foods.ts';
import { ConfirmModal } from '../../../components/ConfirmModal/ConfirmModal.tsx';
import { useMutation } from '../../../lib/query.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';

interface DeleteFoodModalProps {
  food: Food | null;
  onClose: () => void;
  onDeleted: (food: Food) => void;
}

/** Confirms deleting a custom food or recipe; entries already logged keep their values. */
export function DeleteFoodModal({ food, onClose, onDeleted }: DeleteFoodModalProps): React.JSX.Element {
  const deleteFood = useMutation('foods.delete', { invalidates: ['foods', ...LOG_DATA] });
  return (
    <ConfirmModal
      subject={food}
      onClose={onClose}
      labels={{ title: 'Delete this food?', confirm: 'Delete' }}
      onConfirm={(f) => deleteFood.run({ id: f.id }).then(() => onDeleted(f))}
      testIdPrefix="food-delete"
    >
      {food && (
        <Text size="sm">
          “{food.name}” will no longer appear in searches. Entries already logged with it keep the values they were
          logged with.
        </Text>
      )}
    </ConfirmModal>
  );
}
