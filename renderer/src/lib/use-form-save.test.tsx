import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Food } from '@contract/foods.ts';
import { FormActions } from '../components/FormActions/FormActions.tsx';
import { connectToHost, renderInApp } from '../test/render.tsx';
import { call } from './api.ts';
import { fieldErrorsFor } from './errors.ts';
import { useFormSave } from './use-form-save.ts';

/** A one-field food form: the name goes to the core as typed, the energy is fixed. */
function NameForm({ name, shown, onSaved }: { name: string; shown: string[]; onSaved: (food: Food) => void }) {
  const { save, saving, errors, generalError } = useFormSave(onSaved, (error) => ({
    fields: fieldErrorsFor(error),
    shown,
  }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save(() => call('foods.createCustom', { name, nutrients: { energyKcal: 50 } }));
      }}
    >
      <p data-testid="name-error">{errors.name ?? ''}</p>
      <FormActions
        error={generalError}
        busy={saving}
        onCancel={() => undefined}
        confirmLabel="Save"
        testIds={{ error: 'general', confirm: 'save' }}
      />
    </form>
  );
}

describe('useFormSave against the real core', () => {
  beforeEach(connectToHost);

  it('a refused field shows its message beside the field, and the alert points there', async () => {
    const saved: Food[] = [];
    const { reported } = renderInApp(<NameForm name="   " shown={['name']} onSaved={(f) => saved.push(f)} />);
    fireEvent.click(screen.getByTestId('save'));
    expect((await screen.findByTestId('general')).textContent).toBe('Check the field marked in red.');
    expect(screen.getByTestId('name-error').textContent).toBe('Enter a name.');
    expect(saved).toEqual([]);
    expect(reported).toHaveLength(1);
    expect((screen.getByTestId('save') as HTMLButtonElement).disabled).toBe(false);
  });

  it('a message for a field the form does not show is given in the alert itself', async () => {
    renderInApp(<NameForm name="" shown={[]} onSaved={() => undefined} />);
    fireEvent.click(screen.getByTestId('save'));
    const general = await screen.findByTestId('general');
    expect(general.textContent).not.toBe('Check the field marked in red.');
    expect(general.textContent).not.toBe('');
  });

  it('a saved form hands the core’s answer to onSaved and shows no error', async () => {
    const name = `useFormSave test ${Date.now().toString(36)}`;
    const saved: Food[] = [];
    renderInApp(<NameForm name={name} shown={['name']} onSaved={(f) => saved.push(f)} />);
    fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(saved.map((f) => f.name)).toEqual([name]));
    expect(screen.queryByTestId('general')).toBeNull();
    expect(screen.getByTestId('name-error').textContent).toBe('');
  });
});
