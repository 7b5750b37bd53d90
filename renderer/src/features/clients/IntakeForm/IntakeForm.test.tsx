import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PDFDocument } from 'pdf-lib';
import { beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../../lib/api.ts';
import { base64ToBytes } from '../../../lib/base64.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { IntakeImportModal } from './IntakeForm.tsx';

/** The import dialog over the real core: a form the core issued, filled in (pdf-lib), reviewed, partly applied. */
describe('IntakeImportModal', () => {
  beforeEach(connectToHost);

  it('shows new / changed / same beside the profile, and applies only the ticked rows', async () => {
    const client = await call('clients.create', { name: `Intake ${Date.now().toString(36)}`, phone: '111' });
    const issued = await call('forms.intake', { clientId: client.id });
    const doc = await PDFDocument.load(base64ToBytes(issued.dataBase64));
    const form = doc.getForm();
    form.getTextField('contact_phone').setText('222');
    form.getTextField('contact_email').setText('intake@example.org');
    form.getTextField('birth_date').setText('soon');
    form.getCheckBox('consent_data_processing').check();
    const filled = new File([(await doc.save()) as BlobPart], 'filled.pdf', { type: 'application/pdf' });

    renderInApp(<IntakeImportModal clientId={client.id} opened onClose={() => undefined} />);
    fireEvent.change(await screen.findByTestId('intake-file'), { target: { files: [filled] } });
    const table = await screen.findByTestId('intake-review');
    const rows = within(table).getAllByTestId('intake-row');
    expect(rows.map((r) => [r.getAttribute('data-field'), r.getAttribute('data-status')])).toEqual([
      ['name', 'same'],
      ['email', 'new'],
      ['phone', 'changed'],
      ['birthDate', 'new'],
    ]);
    const row = (field: string): HTMLElement => rows.find((r) => r.getAttribute('data-field') === field) as HTMLElement;
    expect(within(row('birthDate')).getByTestId('intake-problem').textContent).toBe(
      '"soon" is not a date as YYYY-MM-DD.',
    );
    expect((within(row('birthDate')).getByTestId('intake-accept') as HTMLInputElement).disabled).toBe(true);
    // Untick the e-mail: only the phone is applied.
    fireEvent.click(within(row('email')).getByTestId('intake-accept'));
    expect(screen.getByTestId('intake-apply').textContent).toBe('Apply 1 change');
    fireEvent.click(screen.getByTestId('intake-apply'));
    await waitFor(async () => expect((await call('clients.get', { id: client.id })).phone).toBe('222'));
    expect((await call('clients.get', { id: client.id })).email).toBeNull();
  });

  it('says why a file that is not a PDF is refused', async () => {
    const client = await call('clients.create', { name: `Intake bad ${Date.now().toString(36)}` });
    renderInApp(<IntakeImportModal clientId={client.id} opened onClose={() => undefined} />);
    const csv = new File(['a,b\n1,2\n'], 'notes.csv', { type: 'text/csv' });
    fireEvent.change(await screen.findByTestId('intake-file'), { target: { files: [csv] } });
    expect((await screen.findByTestId('intake-error')).textContent).toMatch(/The file is not a PDF/);
    expect(screen.queryByTestId('intake-review')).toBeNull();
  });
});
