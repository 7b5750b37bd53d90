import { Modal } from '@mantine/core';
import type { Food } from '@contract/foods.ts';
import type { FoodSaved } from '../FoodEditorForm/use-food-form.ts';
import { RecipeForm } from './RecipeForm.tsx';

interface RecipeModalProps {
  opened: boolean;
  recipe: Food | null;
  onClose: () => void;
  onSaved: (saved: FoodSaved) => void;
}

export function RecipeModal({ opened, recipe, onClose, onSaved }: RecipeModalProps): React.JSX.Element {
  return (
    <Modal opened={opened} onClose={onClose} title={recipe ? `Edit ${recipe.name}` : 'New recipe'} size="xl">
      {opened && <RecipeForm key={recipe?.id ?? 'new'} recipe={recipe} onSaved={onSaved} onCancel={onClose} />}
    </Modal>
  );
}
