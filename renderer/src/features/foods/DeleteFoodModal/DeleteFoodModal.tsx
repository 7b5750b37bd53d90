import { Modal, Stack, Text } from '@mantine/core';
import type { Food } from '@contract/foods.ts';
import { FormActions } from '../../../components/FormActions/FormActions.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { useMutation } from '../../../lib/query.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';

interface DeleteFoodModalProps {
  food: Food | null;
  onClose: () => void;
  onDeleted: (food: Food) => void;
}

/** Confirms deleting a custom food or recipe; entries already logged keep their values. */
export function DeleteFoodModal({ food, onClose, onDeleted }: DeleteFoodModalProps): React.JSX.Element {
  const action = useAction();
  const deleteFood = useMutation('foods.delete', { invalidates: ['foods', ...LOG_DATA] });

  const remove = async (target: Food): Promise<void> => {
    if (await action.run(() => deleteFood.run({ id: target.id }))) onDeleted(target);
  };

  return (
    <Modal opened={food !== null} onClose={onClose} title="Delete this food?">
      {food && (
        <Stack gap="sm" data-testid="food-delete-dialog">
          <Text size="sm">
            “{food.name}” will no longer appear in searches. Entries already logged with it keep the values they were
            logged with.
          </Text>
          <FormActions
            error={action.error}
            busy={action.busy}
            onCancel={onClose}
            confirmLabel="Delete"
            onConfirm={() => void remove(food)}
            confirmColor="red"
            testIds={{ confirm: 'food-delete-confirm' }}
          />
        </Stack>
      )}
    </Modal>
  );
}
