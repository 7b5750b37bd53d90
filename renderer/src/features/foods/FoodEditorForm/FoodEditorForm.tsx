import { Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormActions } from '../../../components/FormActions/FormActions.tsx';
import { PastEntriesNotice } from '../CustomFoodForm/PastEntriesNotice.tsx';
import type { FoodForm } from './use-food-form.ts';

const CREATE_LABELS = { 'custom-food': 'Save food', recipe: 'Save recipe' } as const;

interface FoodEditorFormProps<V extends { name: string }> {
  form: FoodForm;
  /** Which editor: its test ids start with it (custom-food-form, recipe-save …). */
  kind: keyof typeof CREATE_LABELS;
  /** The form's values: the frame edits their name. */
  values: V;
  onValuesChange: (values: V) => void;
  /** The fields between the name and the past-entries question. */
  children: React.ReactNode;
}

/** What the custom-food and recipe forms share: the name first, past entries when editing, the buttons. */
export function FoodEditorForm<V extends { name: string }>(props: FoodEditorFormProps<V>): React.JSX.Element {
  const { food, state, send, onCancel } = props.form;
  const prefix = props.kind;
  const [applyToPast, setApplyToPast] = useState(false);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void state.save(() => send(applyToPast));
      }}
      noValidate
      data-testid={`${prefix}-form`}
    >
      <Stack gap="sm">
        <TextInput
          label="Name"
          withAsterisk
          data-autofocus
          value={props.values.name}
          onChange={(e) => props.onValuesChange({ ...props.values, name: e.currentTarget.value })}
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
          onCancel={onCancel}
          confirmLabel={food ? 'Save changes' : CREATE_LABELS[prefix]}
          testIds={{ error: `${prefix}-error`, cancel: `${prefix}-cancel`, confirm: `${prefix}-save` }}
        />
      </Stack>
    </form>
  );
}
