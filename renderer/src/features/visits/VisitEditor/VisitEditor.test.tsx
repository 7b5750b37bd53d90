import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError, call } from '../../../lib/api.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { EnergyVisibility } from '../../clients/energy-visibility.ts';
import { VisitEditor } from './VisitEditor.tsx';

const MILK = 'usda:01077';
const noop = (): void => undefined;
const value = (testId: string): string => (screen.getByTestId(testId) as HTMLTextAreaElement).value;

async function clientWithData(edSensitive: boolean) {
  const client = await call('clients.create', {
    name: `Snapshot ${Date.now().toString(36)}`,
    sex: 'female',
    birthDate: '1980-05-01',
    heightCm: 165,
    weightKg: 74,
    activityLevel: 'low-active',
    edSensitive,
  });
  await call('visits.add', { clientId: client.id, date: '2026-02-02', type: 'first', note: { format: 'adime' } });
  await call('measures.add', { clientId: client.id, kind: 'weight', value: 74, date: '2026-02-02' });
  await call('measures.add', { clientId: client.id, kind: 'weight', value: 72.4, date: '2026-02-28' });
  await call('log.add', {
    kind: 'diet',
    clientId: client.id,
    date: '2026-02-27',
    meal: 'breakfast',
    foodId: MILK,
    grams: 250,
  });
  return client;
}

describe('VisitEditor snapshot', () => {
  beforeEach(connectToHost);

  it("adds the core's snapshot to ADIME's Assessment after what is written there, for the visit's date", async () => {
    const client = await clientWithData(false);
    renderInApp(
      <VisitEditor
        clientId={client.id}
        visit={null}
        format="adime"
        hideEnergy={false}
        onClose={noop}
        onSaved={noop}
        onDelete={noop}
      />,
    );
    fireEvent.change(await screen.findByTestId('visit-date'), { target: { value: '2026-03-02' } });
    fireEvent.change(screen.getByTestId('visit-section-assessment'), { target: { value: 'Feels better.' } });
    fireEvent.click(screen.getByTestId('visit-snapshot-insert'));
    const snapshot = await call('visits.snapshot', { clientId: client.id, date: '2026-03-02' });
    await waitFor(() => expect(value('visit-section-assessment')).toBe(`Feels better.\n\n${snapshot.text}`));
    // The weight measured since the last visit is in it; the other sections are untouched.
    expect(snapshot.measurements.map((m) => m.kind)).toContain('weight');
    expect(value('visit-section-diagnosis')).toBe('');
    expect(screen.getByTestId('visit-unsaved')).toBeTruthy();
  });

  it("adds it to SOAP's Objective, and shows no energy figure for an eating-disorder-sensitive client", async () => {
    const client = await clientWithData(true);
    renderInApp(
      <EnergyVisibility hidden>
        <VisitEditor
          clientId={client.id}
          visit={null}
          format="soap"
          hideEnergy
          onClose={noop}
          onSaved={noop}
          onDelete={noop}
        />
      </EnergyVisibility>,
    );
    fireEvent.change(await screen.findByTestId('visit-date'), { target: { value: '2026-03-02' } });
    fireEvent.click(screen.getByTestId('visit-snapshot-insert'));
    await waitFor(() => expect(value('visit-section-objective')).not.toBe(''));
    const snapshot = await call('visits.snapshot', { clientId: client.id, date: '2026-03-02' });
    expect(value('visit-section-objective')).toBe(snapshot.text);
    expect(value('visit-section-objective')).not.toMatch(/kcal|kJ|calorie/i);
    expect(screen.getByTestId('visit-editor').textContent).not.toMatch(/kcal|calorie/i);
  });
});

describe('VisitEditor PDF export', () => {
  beforeEach(connectToHost);

  it('saves the letter for a referring doctor, and says clearly why a PDF could not be made', async () => {
    const client = await call('clients.create', { name: `Visit PDF ${Date.now().toString(36)}` });
    const visit = await call('visits.add', {
      clientId: client.id,
      date: '2026-03-02',
      type: 'first',
      note: { format: 'adime', assessment: 'Referred for raised HbA1c.' },
    });
    renderInApp(
      <VisitEditor
        clientId={client.id}
        visit={visit}
        format="adime"
        hideEnergy={false}
        onClose={noop}
        onSaved={noop}
        onDelete={noop}
      />,
    );
    // The download the browser would save: its file name, kept from the test DOM's navigation.
    const downloads: string[] = [];
    const catchDownload = (event: MouseEvent): void => {
      const link = event.target instanceof Element ? event.target.closest('a[download]') : null;
      if (!link) return;
      event.preventDefault();
      downloads.push(link.getAttribute('download') ?? '');
    };
    document.addEventListener('click', catchDownload, true);
    const file = await call('visits.pdf', { id: visit.id, audience: 'doctor', recipient: 'Dr Lee' });
    try {
      fireEvent.click(within(await screen.findByTestId('visit-pdf')).getByRole('radio', { name: 'Referring doctor' }));
      fireEvent.change(screen.getByTestId('visit-pdf-recipient'), { target: { value: 'Dr Lee' } });
      fireEvent.click(screen.getByTestId('visit-pdf-export'));
      expect(screen.getByTestId('visit-pdf-progress').textContent).toBe('Rendering the PDF…');
      const saved = await screen.findByTestId('visit-pdf-saved');
      expect(saved.textContent).toContain(`Saved ${file.fileName} (${file.pages} page`);
      expect(downloads).toEqual([file.fileName]);
      expect(screen.queryByTestId('visit-pdf-progress')).toBeNull();
    } finally {
      document.removeEventListener('click', catchDownload, true);
    }

    // Deleted elsewhere meanwhile: the core's reason stands under a plain title.
    await call('visits.delete', { id: visit.id });
    const refusal = await call('visits.pdf', { id: visit.id }).then(
      () => null,
      (e: unknown) => e,
    );
    if (!(refusal instanceof ApiError)) throw new Error('The core made a PDF of a deleted visit.');
    fireEvent.click(screen.getByTestId('visit-pdf-export'));
    const error = await screen.findByTestId('visit-pdf-error');
    expect(error.textContent).toContain('The PDF could not be made');
    expect(error.textContent).toContain(refusal.message);
    expect(screen.queryByTestId('visit-pdf-saved')).toBeNull();
  });

  it('asks for the changes to be saved before exporting', async () => {
    const client = await call('clients.create', { name: `Visit PDF dirty ${Date.now().toString(36)}` });
    const visit = await call('visits.add', {
      clientId: client.id,
      date: '2026-03-02',
      type: 'phone',
      note: { format: 'soap' },
    });
    renderInApp(
      <VisitEditor
        clientId={client.id}
        visit={visit}
        format="soap"
        hideEnergy={false}
        onClose={noop}
        onSaved={noop}
        onDelete={noop}
      />,
    );
    fireEvent.change(await screen.findByTestId('visit-section-plan'), { target: { value: 'Call again in May.' } });
    expect((screen.getByTestId('visit-pdf-export') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('visit-pdf').textContent).toContain('Save the changes first');
  });
});
