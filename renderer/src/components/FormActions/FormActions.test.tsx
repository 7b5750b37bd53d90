import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../test/render.tsx';
import { FormActions } from './FormActions.tsx';

describe('FormActions', () => {
  it('without onConfirm the main button submits the form around it; Cancel does not', () => {
    let submitted = 0;
    let cancelled = 0;
    renderInApp(
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submitted += 1;
        }}
      >
        <FormActions
          busy={false}
          onCancel={() => (cancelled += 1)}
          confirmLabel="Save"
          testIds={{ cancel: 'cancel', confirm: 'save' }}
        />
      </form>,
    );
    fireEvent.click(screen.getByTestId('cancel'));
    expect([submitted, cancelled]).toEqual([0, 1]);
    fireEvent.click(screen.getByTestId('save'));
    expect([submitted, cancelled]).toEqual([1, 1]);
    expect(screen.getByTestId('cancel').hasAttribute('data-autofocus')).toBe(false);
  });

  it('while busy, Cancel is disabled and the main button cannot be pressed again', () => {
    renderInApp(
      <FormActions busy onCancel={() => undefined} confirmLabel="Save" testIds={{ cancel: 'c', confirm: 's' }} />,
    );
    expect((screen.getByTestId('c') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('s') as HTMLButtonElement).disabled).toBe(true);
  });
});
