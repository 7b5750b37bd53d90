import type { Food } from '@contract/foods.ts';
import type { ApiError } from '../../../lib/api.ts';
import { useFormSave, type FieldErrors, type FormSave } from '../../../lib/use-form-save.ts';

/** A saved custom food or recipe, and how many past entries took its new values. */
export interface FoodSaved {
  food: Food;
  updatedPast: number;
}

/** The saving side of a custom-food or recipe form, for FoodEditorForm. */
export interface FoodForm {
  /** The food or recipe being edited; null for a new one. */
  food: Food | null;
  onCancel: () => void;
  state: FormSave<FoodSaved>;
  /** Creates the food, or (editing) updates it, and its past entries too when `applyToPast`. */
  send: (applyToPast: boolean) => Promise<FoodSaved>;
}

interface FoodFormOptions extends Omit<FoodForm, 'state'> {
  onSaved: (saved: FoodSaved) => void;
  /** The core's field messages under the form's keys, and the keys shown beside a field. */
  fieldErrors: (error: ApiError, editing: boolean) => FieldErrors;
}

export function useFoodForm({ onSaved, fieldErrors, ...form }: FoodFormOptions): FoodForm {
  return { ...form, state: useFormSave(onSaved, (error) => fieldErrors(error, form.food !== null)) };
}
