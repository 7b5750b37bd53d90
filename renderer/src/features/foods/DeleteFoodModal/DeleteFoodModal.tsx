import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Food } from '@contract/foods.ts';
import { toApiError } from '../../../lib/errors.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useMutation } from '../../../lib/query.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';

interface DeleteFoodModalProps {
  food: Food | null;
  onClose: () => void;
  onDeleted: (food: Food) => void;
}

/** Confirms deleting a custom food or recipe; entries already logged keep their values. */
export function DeleteFoodModal({ food, onClose, onDeleted }: DeleteFoodModalProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const deleteFood = useMutation('foods.delete', { invalidates: ['foods', ...LOG_DATA] });

  const remove = async (target: Food): Promise<void> => {
    setDeleting(true);
    setError(null);
    try {
      await deleteFood.run({ id: target.id });
      onDeleted(target);
    } catch (e) {
      reportError(e);
      setError(toApiError(e).message);
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Modal opened={food !== null} onClose={onClose} title="Delete this food?">
      {food && (
        <Stack gap="sm" data-testid="food-delete-dialog">
          <Text size="sm">
            “{food.name}” will no longer appear in searches. Entries already logged with it keep the values they were
            logged with.
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={deleting}>
              Cancel
            </Button>
            <Button color="red" loading={deleting} onClick={() => void remove(food)} data-testid="food-delete-confirm">
              Delete
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
