import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, Client } from '../contract/clients.ts';
import type { IntakeReview } from '../contract/forms.ts';
import type { Core } from '../app.ts';
import { ok, unlockedCore } from '../test-utils/core-harness.ts';
import { pdfText } from '../test-utils/pdf-text.ts';
import { INTAKE_FIELDS, TOKEN_FIELD } from './intake-spec.ts';
import { fillWithPypdf } from './testdata/pypdf-fill.ts';

/**
 * Intake forms through the contract, filled by pypdf (a different PDF library, run by Debian's
 * python3) as a client's PDF reader would, and by pdf-lib in a code path apart from the writer's.
 */

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

async function issue(core: Core, clientId: string): Promise<Uint8Array> {
  const file = await ok<{ dataBase64: string; fileName: string }>(core, 'forms.intake', { clientId });
  expect(file.fileName).toMatch(/^intake-form-\d{4}-\d{2}-\d{2}\.pdf$/);
  return new Uint8Array(Buffer.from(file.dataBase64, 'base64'));
}

const ANSWERS = {
  contact_name: 'Ana Souza',
  contact_email: 'ana@example.org',
  contact_phone: '+44 7700 900123',
  birth_date: '1990-03-02',
  sex: 'Female',
  height_cm: '165',
  weight_kg: '61,5',
  condition_hypertension: '/Yes',
  medications: 'Ramipril 5 mg daily',
  allergy_peanut: '/Yes',
  allergy_tree_nut: '/Yes',
  allergies_other: 'kiwi',
  intolerances: 'Onions upset my stomach',
  diet_pattern: 'Vegetarian (dairy and eggs)',
  usual_breakfast: 'Porridge with banana',
  activity_level: 'Active (about 1 hour of activity a day)',
  sleep_hours: '7',
  goal: 'Lose weight',
  goals_text: 'More energy in the afternoon',
  consent_data_processing: '/Yes',
};

describe('intake forms', () => {
  it('makes a branded fillable form, reads it back filled by pypdf, reviews and applies the accepted answers', async () => {
    const core = await unlockedCore();
    await ok(core, 'settings.update', { practitionerName: 'Green Leaf Nutrition', practitionerCredentials: 'RD, MSc' });
    const ana = await ok<Client>(core, 'clients.create', {
      name: 'Ana Souza',
      email: 'old@example.org',
      allergies: ['Peanut'],
      notes: 'Referred by Dr Lee.',
    });
    const form = await issue(core, ana.id);
    const text = pdfText(form);
    expect(text).toContain('Green Leaf Nutrition');
    expect(text).toContain('Intake questionnaire');
    expect(text).toContain('I agree that my practitioner keeps the information');
    // Every field is an AcroForm field with its stable name, the identity hidden and read-only.
    const doc = await PDFDocument.load(form);
    const fields = doc.getForm().getFields();
    expect(fields.map((f) => f.getName()).sort()).toEqual([...INTAKE_FIELDS.map((f) => f.name), TOKEN_FIELD].sort());
    expect(doc.getForm().getTextField(TOKEN_FIELD).isReadOnly()).toBe(true);
    expect(doc.getForm().getTextField('contact_name').getText()).toBe('Ana Souza');

    const filled = fillWithPypdf(form, ANSWERS);
    const review = await ok<IntakeReview>(core, 'forms.reviewIntake', { clientId: ana.id, dataBase64: b64(filled) });
    expect(review.consent).toBe(true);
    const row = (f: string): IntakeReview['rows'][number] | undefined => review.rows.find((r) => r.field === f);
    expect(row('name')).toMatchObject({ status: 'same', problem: null });
    expect(row('email')).toMatchObject({ status: 'changed', current: 'old@example.org', proposed: 'ana@example.org' });
    expect(row('phone')).toMatchObject({ status: 'new', proposed: '+44 7700 900123' });
    expect(row('weightKg')).toMatchObject({ status: 'new', proposed: '61.5' });
    expect(row('sex')).toMatchObject({ status: 'new', proposed: 'female' });
    expect(row('dietPattern')).toMatchObject({ status: 'changed', current: 'omnivore', proposed: 'vegetarian' });
    expect(row('goal')).toMatchObject({ status: 'changed', proposed: 'loss' });
    // Peanut was recorded already; tree nuts and kiwi are added, nothing recorded is dropped.
    expect(row('allergies')).toMatchObject({ status: 'changed', proposed: 'Peanut, tree nuts, kiwi' });
    expect(row('conditions')).toMatchObject({ status: 'new', proposed: 'High blood pressure (hypertension)' });
    expect(row('notes')?.proposed).toContain('Medications and supplements: Ramipril 5 mg daily');
    expect(row('notes')?.proposed).toContain('Usual breakfast: Porridge with banana');
    expect(row('notes')?.proposed).toContain('Goals in their words: More energy in the afternoon');

    // Apply a subset: the rest of the profile stays as it was.
    const applied = await ok<{ applied: string[] }>(core, 'forms.applyIntake', {
      clientId: ana.id,
      dataBase64: b64(filled),
      accept: ['email', 'allergies', 'conditions', 'notes', 'weightKg', 'name'],
    });
    expect(applied.applied.sort()).toEqual(['allergies', 'conditions', 'email', 'notes', 'weightKg']);
    const after = await ok<Client>(core, 'clients.get', { id: ana.id });
    expect(after).toMatchObject({
      email: 'ana@example.org',
      allergies: ['Peanut', 'tree nuts', 'kiwi'],
      conditions: ['hypertension'],
      weightKg: 61.5,
      dietPattern: 'omnivore',
      phone: null,
      goal: 'maintenance',
    });
    expect(after.notes).toMatch(/^Referred by Dr Lee\.\n\nIntake form \(issued \d{4}-\d{2}-\d{2}, imported/);
    const audit = await ok<AuditEntry[]>(core, 'audit.list', { entityId: ana.id });
    expect(audit.find((a) => a.action === 'intake-form-import')?.fields.sort()).toEqual(applied.applied.sort());
  });

  it('also reads a form filled with pdf-lib (values set through its form API, saved anew)', async () => {
    const core = await unlockedCore();
    const c = await ok<Client>(core, 'clients.create', { name: 'Ben Ortiz' });
    const doc = await PDFDocument.load(await issue(core, c.id));
    const form = doc.getForm();
    form.getTextField('height_cm').setText('180');
    form.getDropdown('activity_level').select('Mostly sitting, little exercise');
    form.getCheckBox('allergy_sesame').check();
    form.getCheckBox('consent_data_processing').check();
    const review = await ok<IntakeReview>(core, 'forms.reviewIntake', {
      clientId: c.id,
      dataBase64: b64(await doc.save()),
    });
    expect(review.rows.map((r) => [r.field, r.proposed, r.status])).toEqual([
      ['name', 'Ben Ortiz', 'same'],
      ['heightCm', '180', 'new'],
      ['allergies', 'sesame', 'new'],
      ['activityLevel', 'sedentary', 'changed'],
    ]);
  });

  it('shows answers it cannot apply with the reason, and refuses to apply them or anything without consent', async () => {
    const core = await unlockedCore();
    const c = await ok<Client>(core, 'clients.create', { name: 'Cy Dale' });
    const form = await issue(core, c.id);
    const bad = fillWithPypdf(form, { birth_date: '02/03/1990', height_cm: 'tall', consent_data_processing: '/Yes' });
    const review = await ok<IntakeReview>(core, 'forms.reviewIntake', { clientId: c.id, dataBase64: b64(bad) });
    expect(review.rows.find((r) => r.field === 'birthDate')?.problem).toBe('"02/03/1990" is not a date as YYYY-MM-DD.');
    expect(review.rows.find((r) => r.field === 'heightCm')?.problem).toBe('"tall" is not a number.');
    const refused = await core.dispatch('forms.applyIntake', {
      clientId: c.id,
      dataBase64: b64(bad),
      accept: ['birthDate'],
    });
    expect(refused).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(!refused.ok && refused.message).toContain('Date of birth: "02/03/1990" is not a date as YYYY-MM-DD.');

    const noConsent = fillWithPypdf(form, { contact_phone: '123 456' });
    const r2 = await core.dispatch('forms.applyIntake', {
      clientId: c.id,
      dataBase64: b64(noConsent),
      accept: ['phone'],
    });
    expect(!r2.ok && r2.message).toMatch(/did not tick the consent/);
    expect((await ok<Client>(core, 'clients.get', { id: c.id })).phone).toBeNull();
  });

  it('refuses a non-PDF, a corrupt PDF, a PDF without our form, a form from another practice or client, and a tampered one; nothing changes', async () => {
    const core = await unlockedCore();
    const a = await ok<Client>(core, 'clients.create', { name: 'Dee Ames' });
    const b = await ok<Client>(core, 'clients.create', { name: 'Eli Burns' });
    const refusal = async (pdf: Uint8Array, clientId = a.id): Promise<string> => {
      const r = await core.dispatch('forms.applyIntake', { clientId, dataBase64: b64(pdf), accept: ['phone'] });
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.message;
    };
    expect(await refusal(new TextEncoder().encode('name,phone\nDee,123\n'))).toMatch(/^The file is not a PDF/);

    const formA = await issue(core, a.id);
    const filledA = fillWithPypdf(formA, { contact_phone: '555 0100', consent_data_processing: '/Yes' });
    expect(await refusal(filledA.subarray(0, 900))).toMatch(/^The PDF is damaged or incomplete/);

    const plain = await PDFDocument.create();
    plain.addPage();
    expect(await refusal(await plain.save())).toMatch(/^This PDF is not a BioAI Nutrition intake form/);

    // Issued for client B, imported for A.
    const formB = fillWithPypdf(await issue(core, b.id), {
      contact_phone: '555 0100',
      consent_data_processing: '/Yes',
    });
    expect(await refusal(formB)).toBe(
      'This intake form was issued for Eli Burns, not for this client. Import it for that client. Nothing was imported.',
    );

    // Another practice's data folder issued it (its own secret and issuer id).
    const other = await unlockedCore();
    const o = await ok<Client>(other, 'clients.create', { name: 'Dee Ames' });
    const foreign = fillWithPypdf(await issue(other, o.id), {
      contact_phone: '555 0100',
      consent_data_processing: '/Yes',
    });
    expect(await refusal(foreign)).toMatch(/^This intake form was issued by another practice/);

    // Tampered: the identity rewritten by another tool to name client A on B's form.
    const doc = await PDFDocument.load(formB);
    const token = doc.getForm().getTextField(TOKEN_FIELD).getText() ?? '';
    const forged = fillWithPypdf(formB, { [TOKEN_FIELD]: token.replace(b.id, a.id) });
    expect(await refusal(forged)).toMatch(
      /^This intake form has been altered: its identity does not match its signature/,
    );
    // Tampered: a question removed.
    const cut = await PDFDocument.load(filledA);
    cut.getForm().removeField(cut.getForm().getField('medications'));
    expect(await refusal(await cut.save())).toMatch(
      /^This intake form has been altered: its field "medications" is missing/,
    );

    expect((await ok<Client>(core, 'clients.get', { id: a.id })).phone).toBeNull();
    // The genuine form still applies.
    expect(
      await ok(core, 'forms.applyIntake', { clientId: a.id, dataBase64: b64(filledA), accept: ['phone'] }),
    ).toEqual({ applied: ['phone'] });
  });
});
