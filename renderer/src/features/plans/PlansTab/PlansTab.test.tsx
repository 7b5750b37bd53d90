import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../../lib/api.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { PlansTab } from './PlansTab.tsx';

const change = (el: HTMLElement, value: string): void => {
  fireEvent.change(el, { target: { value } });
};

describe('PlansTab', () => {
  beforeEach(connectToHost);

  it("makes a 28-day plan with a meal added, showing the core's message beside a field it refuses", async () => {
    const client = await call('clients.create', { name: `Plans tab ${Date.now().toString(36)}` });
    renderInApp(<PlansTab clientId={client.id} edSensitive={false} />);
    await screen.findByTestId('plans-empty');

    fireEvent.click(screen.getByTestId('plan-new'));
    const form = await screen.findByTestId('plan-form');
    change(within(form).getByTestId('plan-days'), '28');
    fireEvent.click(within(form).getByTestId('plan-form-save'));
    // No name: the core's sentence stands beside the field, the alert points there.
    expect(await within(form).findByText('Name the plan.')).toBeTruthy();
    expect(within(form).getByTestId('plan-form-error').textContent).toBe('Check the field marked in red.');

    change(within(form).getByTestId('plan-name'), 'Four weeks');
    fireEvent.click(within(form).getByTestId('plan-slot-add'));
    const labels = within(form).getAllByTestId('plan-slot-label');
    change(labels[labels.length - 1] as HTMLElement, 'Mid-morning snack');
    fireEvent.click(within(form).getByTestId('plan-form-save'));

    // The editor opens on the new plan: five meals, 28 days in four week rows.
    await screen.findByTestId('plan-editor');
    await waitFor(() => expect(screen.getAllByTestId('plan-slot')).toHaveLength(5));
    expect(screen.getAllByTestId('plan-slot').map((s) => s.getAttribute('data-slot'))).toContain('mid-morning-snack');
    expect(screen.getByTestId('plan-day-28')).toBeTruthy();
    expect(screen.getByTestId('plan-repeat-week')).toBeTruthy();

    const [saved] = await call('plans.list', { clientId: client.id });
    expect(saved).toMatchObject({ name: 'Four weeks', days: 28, status: 'draft', version: 1 });

    // Back to the list, and deleted after the confirmation.
    fireEvent.click(screen.getByTestId('plan-back'));
    fireEvent.click(await screen.findByTestId('plans-delete'));
    fireEvent.click(await screen.findByTestId('plan-delete-confirm'));
    await screen.findByTestId('plans-empty');
    expect(await call('plans.list', { clientId: client.id })).toEqual([]);
  });
});
