import { Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Food } from '@contract/foods.ts';
import { FormActions } from '../../../components/FormActions/FormActions.tsx';
import type { FormSave } from '../../../lib/use-form-save.ts';
import { PastEntriesNotice } from '../CustomFoodForm/PastEntriesNotice.tsx';

/** A saved custom food or recipe, and how many past entries took its new values. */
export interface FoodSaved {
  food: Food;
  updatedPast: number;
}

interface FoodEditorFormProps {
  /** The food or recipe being edited; null for a new one. */
  food: Food | null;
  /** "custom-food" → custom-food-form, custom-food-name, custom-food-save … */
  testIdPrefix: string;
  name: string;
  onNameChange: (name: string) => void;
  state: FormSave<FoodSaved>;
  /** Creates the food, or (editing) updates it, and its past entries too when `applyToPast`. */
  send: (applyToPast: boolean) => Promise<FoodSaved>;
  /** The main button of a new one ("Save food"); an edit says "Save changes". */
  createLabel: string;
  onCancel: () => void;
  /** The fields between the name and the past-entries question. */
  children: React.ReactNode;
}

/** What the custom-food and recipe forms share: the name first, past entries when editing, the buttons. */
export function FoodEditorForm(props: FoodEditorFormProps): React.JSX.Element {
  const { food, testIdPrefix: prefix, state } = props;
  const [applyToPast, setApplyToPast] = useState(false);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void state.save(() => props.send(applyToPast));
      }}
      noValidate
      data-testid={`${prefix}-form`}
    >
      <Stack gap="sm">
        <TextInput
          label="Name"
          withAsterisk
          data-autofocus
          value={props.name}
          onChange={(e) => props.onNameChange(e.currentTarget.value)}
          error={state.errors.name}
          data-testid={`${prefix}-name`}
        />
        {props.children}
        {food && (
          <PastEntriesNotice
            foodId={food.id}
            applyToPast={applyToPast}
            onApplyToPastChange={setApplyToPast}
            testIdPrefix={prefix}
          />
        )}
        <FormActions
          error={state.generalError}
          busy={state.saving}
          onCancel={props.onCancel}
          confirmLabel={food ? 'Save changes' : props.createLabel}
          testIds={{ error: `${prefix}-error`, cancel: `${prefix}-cancel`, confirm: `${prefix}-save` }}
        />
      </Stack>
    </form>
  );
}
