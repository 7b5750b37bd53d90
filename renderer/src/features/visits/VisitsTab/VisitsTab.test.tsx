import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../../lib/api.ts';
import { todayIso } from '../../../lib/format.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { EnergyVisibility } from '../../clients/energy-visibility.ts';
import { VisitsTab } from './VisitsTab.tsx';

const change = (el: HTMLElement, value: string): void => {
  fireEvent.change(el, { target: { value } });
};

/** Picks the option labelled `label` in the Select with that test id, as a click on the list. */
async function pick(field: HTMLElement, label: string): Promise<void> {
  field.focus();
  fireEvent.click(field);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('[data-combobox-option]')].find(
      (o) => o.textContent === label,
    );
    if (!found) throw new Error(`No option "${label}".`);
    return found;
  });
  fireEvent.click(option);
}

const newClient = (edSensitive = false) =>
  call('clients.create', { name: `Visits ${Date.now().toString(36)}`, edSensitive });

describe('VisitsTab', () => {
  beforeEach(connectToHost);

  it('starts a weight goal in lb where Settings use US units, and keeps it as typed', async () => {
    const client = await newClient();
    renderInApp(<VisitsTab clientId={client.id} noteFormat="adime" units="us" />);
    await screen.findByTestId('visits-empty');
    fireEvent.click(screen.getByTestId('visit-new'));
    await screen.findByTestId('visit-form');
    change(screen.getByTestId('visit-date'), '2026-03-02');
    await pick(screen.getByTestId('visit-type'), 'First consultation');
    fireEvent.click(screen.getByTestId('visit-goal-add'));
    const goal = screen.getByTestId('visit-goal');
    change(within(goal).getByTestId('visit-goal-text'), 'Back to 150 lb');
    await pick(within(goal).getByTestId('visit-goal-kind'), 'Weight');
    change(await within(goal).findByTestId('visit-goal-target'), '150');
    expect((within(goal).getByTestId('visit-goal-unit') as HTMLInputElement).value).toBe('lb');
    fireEvent.click(screen.getByTestId('visit-save'));
    await screen.findByTestId('visit-pdf-export');
    const [saved] = await call('visits.list', { clientId: client.id });
    expect(saved?.goals[0]).toMatchObject({ measureKind: 'weight', unit: 'lb', enteredTargetValue: 150 });
    // 150 lb × 0.45359237 kg/lb.
    expect(saved?.goals[0]?.targetValue).toBeCloseTo(68.04, 2);
  });

  it('records a SOAP visit with a goal judged by a measurement, shows the core’s refusal beside its field, and lists it', async () => {
    const client = await newClient();
    renderInApp(<VisitsTab clientId={client.id} noteFormat="soap" />);
    await screen.findByTestId('visits-empty');
    fireEvent.click(screen.getByTestId('visit-new'));

    const form = await screen.findByTestId('visit-form');
    // The sections of the format chosen in Settings, in order.
    const sections = within(form)
      .getAllByRole('textbox')
      .filter((el) => el.tagName === 'TEXTAREA')
      .map((el) => el.getAttribute('data-testid'));
    expect(sections).toEqual([
      'visit-section-subjective',
      'visit-section-objective',
      'visit-section-assessment',
      'visit-section-plan',
    ]);
    expect(within(form).getByLabelText('Subjective')).toBeTruthy();

    change(screen.getByTestId('visit-date'), '2026-03-02');
    await pick(screen.getByTestId('visit-type'), 'First consultation');
    change(screen.getByTestId('visit-duration'), '60');
    change(screen.getByTestId('visit-section-subjective'), 'Tired in the afternoons.\nSkips breakfast.');
    change(screen.getByTestId('visit-section-plan'), 'Breakfast most days.');
    fireEvent.click(screen.getByTestId('visit-goal-add'));
    const goal = screen.getByTestId('visit-goal');
    change(within(goal).getByTestId('visit-goal-text'), 'Waist down to 88 cm');
    await pick(within(goal).getByTestId('visit-goal-kind'), 'Waist circumference');
    change(await within(goal).findByTestId('visit-goal-target'), '88');
    change(within(goal).getByTestId('visit-goal-review'), '2026-05-01');
    // A follow-up before the visit: the core's sentence stands beside the field.
    change(screen.getByTestId('visit-next'), '2026-03-01');
    fireEvent.click(screen.getByTestId('visit-save'));
    expect(
      await within(form).findByText('The next follow-up (2026-03-01) is before the visit (2026-03-02).'),
    ).toBeTruthy();
    expect(screen.getByTestId('visit-form-error').textContent).toBe('Check the field marked in red.');
    expect(await call('visits.list', { clientId: client.id })).toEqual([]);

    change(screen.getByTestId('visit-next'), '2026-04-01');
    fireEvent.click(screen.getByTestId('visit-save'));
    // Saved: the editor now shows the saved visit (with its PDF export).
    await screen.findByTestId('visit-pdf-export');
    expect(screen.getByTestId('visit-title').textContent).toBe('Visit on Mar 2, 2026');
    const [saved] = await call('visits.list', { clientId: client.id });
    expect(saved).toMatchObject({
      date: '2026-03-02',
      type: 'first',
      durationMin: 60,
      nextFollowUp: '2026-04-01',
      note: { format: 'soap', subjective: 'Tired in the afternoons.\nSkips breakfast.', plan: 'Breakfast most days.' },
    });
    expect(saved?.goals).toMatchObject([
      { text: 'Waist down to 88 cm', measureKind: 'waist', targetValue: 88, unit: 'cm', reviewOn: '2026-05-01' },
    ]);

    fireEvent.click(screen.getByTestId('visit-back'));
    const row = await screen.findByTestId('visits-row');
    expect(within(row).getByTestId('visits-type').textContent).toBe('First consultation');
    expect(within(row).getByTestId('visits-note').textContent).toBe('Tired in the afternoons.');
    expect(within(row).getByTestId('visits-goals').textContent).toBe('1 goal');
    expect(within(row).getByTestId('visits-next').textContent).toBe('Apr 1, 2026');
  });

  it('edits a visit in its own format, warns before leaving unsaved changes, and deletes after the confirmation', async () => {
    const client = await newClient();
    const base = { clientId: client.id, type: 'follow-up' as const };
    await call('visits.add', { ...base, date: '2026-01-10', note: { format: 'soap', subjective: 'Older' } });
    const newer = await call('visits.add', {
      ...base,
      date: '2026-02-10',
      note: { format: 'soap', subjective: 'Newer' },
      goals: [{ text: 'Breakfast daily' }],
    });
    // Settings say ADIME, but a saved SOAP visit keeps its sections.
    renderInApp(<VisitsTab clientId={client.id} noteFormat="adime" />);
    const rows = await screen.findAllByTestId('visits-row');
    expect(rows.map((r) => within(r).getByTestId('visits-note').textContent)).toEqual(['Newer', 'Older']);

    fireEvent.click(within(rows[0] as HTMLElement).getByTestId('visits-open'));
    await screen.findByTestId('visit-form');
    expect(screen.getByTestId('visit-format').textContent).toBe('SOAP note');
    expect(screen.queryByTestId('visit-section-diagnosis')).toBeNull();
    change(screen.getByTestId('visit-section-assessment'), 'Better energy.');
    fireEvent.click(screen.getByTestId('visit-back'));
    // Unsaved: asked first; "Keep editing" stays.
    fireEvent.click(await screen.findByTestId('visit-discard-cancel'));
    expect((screen.getByTestId('visit-section-assessment') as HTMLTextAreaElement).value).toBe('Better energy.');
    await waitFor(() => expect(screen.queryByTestId('visit-discard-dialog')).toBeNull());

    fireEvent.click(screen.getByTestId('visit-save'));
    await waitFor(async () =>
      expect((await call('visits.get', { id: newer.id })).note).toMatchObject({ assessment: 'Better energy.' }),
    );
    // The goal kept its identity through the edit.
    expect((await call('visits.get', { id: newer.id })).goals.map((g) => g.id)).toEqual(newer.goals.map((g) => g.id));
    await waitFor(() => expect(screen.queryByTestId('visit-unsaved')).toBeNull());

    // A change, then leaving: discarded after the confirmation.
    change(screen.getByTestId('visit-section-plan'), 'Not kept');
    fireEvent.click(screen.getByTestId('visit-cancel'));
    fireEvent.click(await screen.findByTestId('visit-discard-confirm'));
    await screen.findByTestId('visits-list');
    expect((await call('visits.get', { id: newer.id })).note).toMatchObject({ plan: '' });

    // Delete: asked first, then gone from the list and the core.
    fireEvent.click(screen.getAllByTestId('visits-open')[0] as HTMLElement);
    fireEvent.click(await screen.findByTestId('visit-delete'));
    fireEvent.click(await screen.findByTestId('visit-delete-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('visits-row')).toHaveLength(1));
    expect((await call('visits.list', { clientId: client.id })).map((v) => v.id)).not.toContain(newer.id);
  });

  it('records the recommendations ticked as accepted at the visit', async () => {
    const client = await call('clients.create', {
      name: `Visits recs ${Date.now().toString(36)}`,
      sex: 'female',
      birthDate: '1980-05-01',
      heightCm: 165,
      weightKg: 74,
      activityLevel: 'low-active',
    });
    // A week of white rice (0.4 g fibre per 100 g, USDA SR28 20045) gives a low-fibre recommendation.
    for (let d = 0; d < 7; d++) {
      const date = todayIso(new Date(Date.now() - d * 86_400_000));
      await call('log.add', {
        kind: 'diet',
        clientId: client.id,
        date,
        foodId: 'usda:20045',
        grams: 600,
        meal: 'lunch',
      });
    }
    const open = (await call('recommendations.list', { clientId: client.id })).filter(
      (r) => r.status === 'new' || r.status === 'accepted',
    );
    expect(open.map((r) => r.ruleId)).toContain('fibre-low');
    const chosen = open[0];
    renderInApp(<VisitsTab clientId={client.id} noteFormat="adime" />);
    fireEvent.click(await screen.findByTestId('visit-new'));
    const box = await screen.findByRole('checkbox', { name: chosen?.title });
    expect(screen.getAllByTestId('visit-rec')).toHaveLength(open.length);
    fireEvent.click(box);
    fireEvent.click(screen.getByTestId('visit-save'));
    await screen.findByTestId('visit-pdf-export');
    const [saved] = await call('visits.list', { clientId: client.id });
    expect(saved?.acceptedRecommendationIds).toEqual([chosen?.id]);
    expect((screen.getByRole('checkbox', { name: chosen?.title }) as HTMLInputElement).checked).toBe(true);
  });

  it('keeps unsaved changes when the tab is left another way, and reopens them', async () => {
    const client = await newClient();
    const first = renderInApp(<VisitsTab clientId={client.id} noteFormat="adime" />);
    fireEvent.click(await screen.findByTestId('visit-new'));
    change(await screen.findByTestId('visit-section-diagnosis'), 'Inadequate fibre intake related to …');
    // Another tab unmounts the Visits tab.
    first.unmount();
    renderInApp(<VisitsTab clientId={client.id} noteFormat="adime" />);
    expect(((await screen.findByTestId('visit-section-diagnosis')) as HTMLTextAreaElement).value).toBe(
      'Inadequate fibre intake related to …',
    );
    expect(screen.getByTestId('visit-unsaved').textContent).toBe('Unsaved changes (kept from before)');
    // Discarded: the tab opens on the list next time.
    fireEvent.click(screen.getByTestId('visit-back'));
    fireEvent.click(await screen.findByTestId('visit-discard-confirm'));
    await screen.findByTestId('visits-empty');
    expect(await call('visits.list', { clientId: client.id })).toEqual([]);
  });

  it('shows no energy figure in the list for an eating-disorder-sensitive client', async () => {
    const client = await newClient(true);
    await call('visits.add', {
      clientId: client.id,
      date: '2026-02-10',
      type: 'phone',
      note: { format: 'adime', assessment: 'Intake about 1,900 kcal a day, protein 70 g' },
    });
    renderInApp(
      <EnergyVisibility hidden>
        <VisitsTab clientId={client.id} noteFormat="adime" />
      </EnergyVisibility>,
    );
    const row = await screen.findByTestId('visits-row');
    expect(within(row).getByTestId('visits-note').textContent).toMatch(/protein 70 g/);
    expect(screen.getByTestId('visits-tab').textContent).not.toMatch(/kcal/i);
  });
});
