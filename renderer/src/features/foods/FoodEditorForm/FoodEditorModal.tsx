import type { Food } from '@contract/foods.ts';
import { CustomFoodForm } from '../CustomFoodForm/CustomFoodForm.tsx';
import { RecipeForm } from '../RecipeForm/RecipeForm.tsx';
import type { FoodSaved } from './use-food-form.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';

/** Which editor is open, and the food or recipe it edits (null: a new one); null when none is. */
export type FoodEditing = { kind: 'custom' | 'recipe'; food: Food | null } | null;

const NEW_TITLES = { custom: 'New custom food', recipe: 'New recipe' } as const;

interface FoodEditorModalProps {
  editing: FoodEditing;
  onClose: () => void;
  onSaved: (saved: FoodSaved) => void;
}

/** The custom-food or recipe form in a dialog, new or editing. */
export function FoodEditorModal({ editing, onClose, onSaved }: FoodEditorModalProps): React.JSX.Element {
  const food = editing?.food ?? null;
  const title = food ? `Edit ${food.name}` : editing ? NEW_TITLES[editing.kind] : '';
  const key = food?.id ?? 'new';
  return (
    <AppModal opened={editing !== null} onClose={onClose} title={title} size="xl">
      {editing?.kind === 'custom' && <CustomFoodForm key={key} food={food} onSaved={onSaved} onCancel={onClose} />}
      {editing?.kind === 'recipe' && <RecipeForm key={key} recipe={food} onSaved={onSaved} onCancel={onClose} />}
    </AppModal>
  );
}
