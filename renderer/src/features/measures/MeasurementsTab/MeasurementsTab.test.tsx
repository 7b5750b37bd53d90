import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Goal } from '@contract/visits.ts';
import { call } from '../../../lib/api.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { MeasurementsTab } from './MeasurementsTab.tsx';

const change = (el: HTMLElement, value: string): void => {
  fireEvent.change(el, { target: { value } });
};

async function newClient(extra: { edSensitive?: boolean; sex?: 'female' | 'male' } = {}) {
  return call('clients.create', { name: `Measures tab ${Date.now().toString(36)}`, ...extra });
}

/** The rows of one kind's table. */
function rowsOf(kind: string): HTMLElement[] {
  const group = screen.getAllByTestId('measure-group').find((g) => g.getAttribute('data-kind') === kind);
  return group ? within(group).queryAllByTestId('measure-row') : [];
}

const goal = (over: Partial<Goal>): Goal => ({
  id: 'goal-1',
  visitId: 'visit-1',
  visitDate: '2026-10-12',
  text: 'Reach 68 kg',
  measureKind: 'weight',
  targetValue: 68,
  unit: 'kg',
  enteredTargetValue: 68,
  reviewOn: '2027-03-01',
  status: 'open',
  ...over,
});

/** The tab over the real core: readings added, edited and deleted through the UI, as the practitioner does. */
describe('MeasurementsTab', () => {
  beforeEach(connectToHost);

  it('adds a weight in lb (shown as typed, with kg beside it), edits it, deletes it and undoes the delete', async () => {
    const client = await newClient();
    await call('measures.add', { clientId: client.id, kind: 'weight', value: 74, unit: 'kg', date: '2026-09-01' });
    renderInApp(<MeasurementsTab client={client} units="metric" />);
    await waitFor(() => expect(rowsOf('weight')).toHaveLength(1));

    fireEvent.click(await screen.findByTestId('measure-add'));
    const form = await screen.findByTestId('measure-form');
    // Metric settings: a weight starts in kg; the practitioner switches to lb.
    expect((within(form).getByTestId('measure-unit') as HTMLSelectElement).value).toBe('kg');
    change(within(form).getByTestId('measure-unit'), 'lb');
    change(within(form).getByTestId('measure-value'), '5000');
    change(within(form).getByTestId('measure-date'), '2026-10-12');
    fireEvent.click(within(form).getByTestId('measure-form-save'));
    // The core's refusal stands beside the value field.
    expect(await within(form).findByText(/outside the plausible .* lb; check the value and the unit\./)).toBeTruthy();
    expect(within(form).getByTestId('measure-form-error').textContent).toBe('Check the field marked in red.');

    change(within(form).getByTestId('measure-value'), '160');
    change(within(form).getByTestId('measure-note'), 'Morning, after breakfast');
    fireEvent.click(within(form).getByTestId('measure-form-save'));
    // Latest first: the new reading above the September one.
    await waitFor(() => expect(rowsOf('weight')).toHaveLength(2));
    let [row] = rowsOf('weight');
    expect(within(row!).getByTestId('measure-value-cell').textContent).toBe('160 lb');
    // 160 × 0.45359237 = 72.57 kg.
    expect(within(row!).getByTestId('measure-converted').textContent).toBe(' (72.6 kg)');
    expect(row!.textContent).toContain('Oct 12, 2026');
    expect(row!.textContent).toContain('Morning, after breakfast');

    // Edit: the form opens with what was typed.
    fireEvent.click(within(row!).getByTestId('measure-edit'));
    const edit = await screen.findByTestId('measure-form');
    expect((within(edit).getByTestId('measure-value') as HTMLInputElement).value).toBe('160');
    expect((within(edit).getByTestId('measure-unit') as HTMLSelectElement).value).toBe('lb');
    change(within(edit).getByTestId('measure-unit'), 'kg');
    change(within(edit).getByTestId('measure-value'), '71.5');
    fireEvent.click(within(edit).getByTestId('measure-form-save'));
    await waitFor(() =>
      expect(within(rowsOf('weight')[0]!).getByTestId('measure-value-cell').textContent).toBe('71.5 kg'),
    );
    [row] = rowsOf('weight');
    expect(within(row!).queryByTestId('measure-converted')).toBeNull();
    const [stored] = await call('measures.list', { clientId: client.id, kind: 'weight' });
    expect(stored).toMatchObject({ kind: 'weight', value: 71.5, unit: 'kg', date: '2026-10-12' });

    // Delete asks first, naming the reading; Undo records it again as it was.
    fireEvent.click(within(row!).getByTestId('measure-delete'));
    expect((await screen.findByTestId('measure-delete-subject')).textContent).toBe(
      'The reading “Weight, 71.5 kg on Oct 12, 2026” will be deleted.',
    );
    fireEvent.click(screen.getByTestId('measure-delete-confirm'));
    await waitFor(() => expect(rowsOf('weight')).toHaveLength(1));
    expect((await call('measures.list', { clientId: client.id })).map((m) => m.date)).toEqual(['2026-09-01']);
    fireEvent.click(await screen.findByTestId('measure-undo'));
    await waitFor(() => expect(rowsOf('weight')).toHaveLength(2));
    const [back] = await call('measures.list', { clientId: client.id });
    expect(back).toMatchObject({
      kind: 'weight',
      value: 71.5,
      unit: 'kg',
      date: '2026-10-12',
      note: 'Morning, after breakfast',
    });
  });

  it('records blood pressure as one reading of two values and a custom kind with its name and unit', async () => {
    const client = await newClient();
    renderInApp(<MeasurementsTab client={client} units="metric" />);
    await screen.findByTestId('measures-empty');

    fireEvent.click(await screen.findByTestId('measure-add'));
    let form = await screen.findByTestId('measure-form');
    change(within(form).getByTestId('measure-kind'), 'blood-pressure');
    change(within(form).getByTestId('measure-value'), '128');
    change(within(form).getByTestId('measure-value2'), '82');
    fireEvent.click(within(form).getByTestId('measure-form-save'));
    await waitFor(() => expect(rowsOf('blood-pressure')).toHaveLength(1));
    expect(within(rowsOf('blood-pressure')[0]!).getByTestId('measure-value-cell').textContent).toBe('128/82 mmHg');
    const group = screen.getAllByTestId('measure-group').find((g) => g.getAttribute('data-kind') === 'blood-pressure');
    expect(within(group!).getByTestId('measure-range').textContent).toMatch(
      /^Reference range: systolic below 120 and diastolic below 80 mmHg .* — 2017 ACC\/AHA/,
    );

    fireEvent.click(screen.getByTestId('measure-add'));
    form = await screen.findByTestId('measure-form');
    change(within(form).getByTestId('measure-kind'), 'custom');
    change(within(form).getByTestId('measure-value'), '34');
    fireEvent.click(within(form).getByTestId('measure-form-save'));
    expect(await within(form).findByText(/^Name the (custom )?measurement\.$/)).toBeTruthy();
    change(within(form).getByTestId('measure-custom-name'), 'Grip strength');
    change(within(form).getByTestId('measure-custom-unit'), 'kgf');
    fireEvent.click(within(form).getByTestId('measure-form-save'));
    await waitFor(() => expect(rowsOf('custom:grip strength|kgf')).toHaveLength(1));
    expect(within(rowsOf('custom:grip strength|kgf')[0]!).getByTestId('measure-value-cell').textContent).toBe('34 kgf');
  });

  it('charts weight with the goal line, its review date and the change since the first reading', async () => {
    const client = await newClient();
    await call('measures.add', { clientId: client.id, kind: 'weight', value: 75.6, unit: 'kg', date: '2026-10-12' });
    await call('measures.add', { clientId: client.id, kind: 'weight', value: 72.4, unit: 'kg', date: '2026-11-20' });
    await call('measures.add', { clientId: client.id, kind: 'waist', value: 90, unit: 'cm', date: '2026-11-20' });
    const goals = [
      goal({}),
      // An older goal and a met one are not drawn.
      goal({ id: 'goal-0', visitDate: '2026-09-01', targetValue: 70 }),
      goal({ id: 'goal-2', visitDate: '2026-11-20', targetValue: 60, status: 'met' }),
    ];
    const view = renderInApp(<MeasurementsTab client={client} units="metric" goals={goals} />);

    expect((await screen.findByTestId('measure-change')).textContent).toBe(
      'Change since first reading: −3.2 kg (since Oct 12, 2026)',
    );
    expect(screen.getByTestId('measure-goal').textContent).toBe('Goal: 68 kg, to review on Mar 1, 2027 (Reach 68 kg)');
    expect(screen.getByTestId('measure-chart-summary').textContent).toBe(
      'Weight: 2 readings, latest 72.4 kg on Nov 20, 2026; change since the first reading −3.2 kg (since Oct 12, 2026); goal 68 kg, to review on Mar 1, 2027.',
    );
    // The drawing itself needs a layout (the end-to-end test in Chromium sees its lines); here its text
    // alternative is checked, which says what the lines show.
    expect(screen.getByTestId('measure-chart').querySelector('[role="img"]')?.getAttribute('aria-label')).toBe(
      screen.getByTestId('measure-chart-summary').textContent,
    );

    // US units: the chart, the change and the goal in lb (68 kg = 149.9 lb; 3.2 kg = 7.1 lb).
    view.unmount();
    renderInApp(<MeasurementsTab client={client} units="us" goals={goals} />);
    await waitFor(() =>
      expect(screen.getByTestId('measure-change').textContent).toBe(
        'Change since first reading: −7.1 lb (since Oct 12, 2026)',
      ),
    );
    expect(screen.getByTestId('measure-goal').textContent).toMatch(/^Goal: 149\.9 lb/);

    // Another kind has no goal line when no goal names it.
    change(screen.getByTestId('measure-chart-kind'), 'waist');
    await waitFor(() =>
      expect(screen.getByTestId('measure-chart-summary').textContent).toMatch(
        /^Waist circumference: one reading, latest 35\.4 in/,
      ),
    );
    expect(screen.queryByTestId('measure-goal')).toBeNull();
    expect(screen.getByTestId('measure-chart-summary').textContent).not.toMatch(/goal/);
  });

  it('hides weight for an eating-disorder-sensitive client until the practitioner shows it', async () => {
    const client = await newClient({ edSensitive: true, sex: 'female' });
    await call('measures.add', { clientId: client.id, kind: 'weight', value: 61.3, unit: 'kg', date: '2026-10-12' });
    await call('measures.add', { clientId: client.id, kind: 'weight', value: 58.9, unit: 'kg', date: '2026-11-20' });
    await call('measures.add', { clientId: client.id, kind: 'ferritin', value: 12, unit: 'µg/L', date: '2026-11-20' });
    renderInApp(<MeasurementsTab client={client} units="metric" goals={[goal({ targetValue: 60 })]} />);

    await screen.findByTestId('measure-show-weight');
    const tab = screen.getByTestId('measures-tab');
    expect(screen.getByTestId('measure-chart-hidden')).toBeTruthy();
    expect(screen.getByTestId('measure-group-hidden').textContent).toBe('2 readings hidden.');
    expect(screen.queryByTestId('measure-change')).toBeNull();
    expect(screen.queryByTestId('measure-goal')).toBeNull();
    expect(tab.textContent).not.toMatch(/61\.3|58\.9|−2\.4|\b60 kg/);
    // Other kinds are shown as usual, with their range as a range (no verdict).
    expect(within(rowsOf('ferritin')[0]!).getByTestId('measure-value-cell').textContent).toBe('12 µg/L');

    fireEvent.click(screen.getByTestId('measure-show-weight'));
    expect(await screen.findByTestId('measure-change')).toBeTruthy();
    expect(screen.getByTestId('measure-change').textContent).toBe(
      'Change since first reading: −2.4 kg (since Oct 12, 2026)',
    );
    expect(rowsOf('weight').map((r) => within(r).getByTestId('measure-value-cell').textContent)).toEqual([
      '58.9 kg',
      '61.3 kg',
    ]);
    fireEvent.click(screen.getByTestId('measure-hide-weight'));
    await screen.findByTestId('measure-chart-hidden');
    expect(rowsOf('weight')).toHaveLength(0);
  });
});
