import { Modal } from '@mantine/core';
import type { Food } from '@contract/foods.ts';
import type { FoodSaved } from '../FoodEditorForm/use-food-form.ts';
import { CustomFoodForm } from './CustomFoodForm.tsx';

interface CustomFoodModalProps {
  opened: boolean;
  food: Food | null;
  onClose: () => void;
  onSaved: (saved: FoodSaved) => void;
}

export function CustomFoodModal({ opened, food, onClose, onSaved }: CustomFoodModalProps): React.JSX.Element {
  return (
    <Modal opened={opened} onClose={onClose} title={food ? `Edit ${food.name}` : 'New custom food'} size="xl">
      {opened && <CustomFoodForm key={food?.id ?? 'new'} food={food} onSaved={onSaved} onCancel={onClose} />}
    </Modal>
  );
}
