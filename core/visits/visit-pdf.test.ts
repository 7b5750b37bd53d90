import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../contract/clients.ts';
import type { Visit } from '../contract/visits.ts';
import { BODY_FIGURE } from '../rules/guardrails.ts';
import { addClient } from '../test-utils/clients.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { pdfText } from '../test-utils/pdf-text.ts';

/**
 * The visit PDF as the practitioner exports it: the real core, a real visit, printed by Chromium and
 * read back by poppler. The client's copy and the doctor's letter differ in heading and wording; an
 * eating-disorder-sensitive client's copy carries no energy, weight or body-size figure even where the
 * note typed one (the doctor's letter keeps weight).
 */
describe('the visit PDF (real Chromium)', () => {
  async function visitFor(fields: Record<string, unknown>, note: object) {
    const core = await unlockedCore({ clock: fixedClock('2026-12-06T10:00:00Z') });
    await ok(core, 'settings.update', {
      practitionerName: 'Mia Practitioner',
      practitionerCredentials: 'RD',
      practitionerContact: 'Green Street Clinic',
    });
    const client = await addClient(core, { name: 'Hana Visit', ...fields });
    const visit = await ok<Visit>(core, 'visits.add', {
      clientId: client.id,
      date: '2026-12-04',
      type: 'follow-up',
      durationMin: 45,
      note,
      goals: [
        { text: 'Weigh 68 kg', measureKind: 'weight', targetValue: 68, reviewOn: '2027-03-01' },
        { text: 'Vegetables at lunch and dinner', reviewOn: '2027-01-10' },
      ],
      nextFollowUp: '2027-01-10',
    });
    return { core, client, visit };
  }
  const exportPdf = async (core: Awaited<ReturnType<typeof visitFor>>['core'], input: object) => {
    const file = await ok<{ fileName: string; dataBase64: string; pages: number }>(core, 'visits.pdf', input);
    return { ...file, text: pdfText(Buffer.from(file.dataBase64, 'base64')).replace(/\s+/g, ' ') };
  };

  it('prints the ADIME note under its headings, the goals with review dates and the next follow-up', async () => {
    const { core, client, visit } = await visitFor(
      {},
      {
        format: 'adime',
        assessment: 'Breakfast skipped on most days.',
        diagnosis: 'Inconsistent meal pattern related to early shifts.',
        intervention: 'A packed breakfast the night before.',
        monitoring: 'Food diary for two weeks.',
      },
    );
    const { text, fileName, pages } = await exportPdf(core, { id: visit.id });
    expect(fileName).toBe('visit-hana-visit-2026-12-04.pdf');
    expect(pages).toBe(1);
    expect(text).toContain('Summary of your visit');
    expect(text).toContain('Mia Practitioner, RD');
    expect(text).toContain('Green Street Clinic');
    expect(text).toContain('For Hana Visit · Follow-up visit on 2026-12-04 (45 minutes)');
    const order = ['Assessment', 'Nutrition diagnosis', 'Intervention', 'Monitoring and evaluation'].map((h) =>
      text.indexOf(h),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('Inconsistent meal pattern related to early shifts.');
    expect(text).toContain('Your goals');
    expect(text).toContain('Weigh 68 kg (Weight 68 kg) — review by 2027-03-01');
    expect(text).toContain('Vegetables at lunch and dinner — review by 2027-01-10');
    expect(text).toContain('Your next appointment 2027-01-10');
    expect(text).not.toContain('referring clinician');

    const audit = await ok<AuditEntry[]>(core, 'audit.list', { entityId: client.id, limit: 50 });
    expect(audit.some((a) => a.action === 'visit-export')).toBe(true);
  });

  it("addresses the doctor's letter, prints SOAP headings, and no energy figure for an ED-sensitive client", async () => {
    const { core, visit } = await visitFor(
      { edSensitive: true },
      {
        format: 'soap',
        subjective: 'Reports eating about 1,400 kcal a day.',
        objective: 'Weight 52.3 kg, down 1.2 kg; BMI 18.9.',
        assessment: 'Intake below needs.',
        plan: 'Regular meals and snacks.',
      },
    );
    const letter = await exportPdf(core, { id: visit.id, audience: 'doctor', recipient: 'Dr Lee' });
    expect(letter.fileName).toBe('visit-hana-visit-2026-12-04-letter.pdf');
    expect(letter.text).toContain('Visit summary for Dr Lee');
    expect(letter.text).toContain('Re: Hana Visit');
    expect(letter.text).toContain('Goals agreed');
    expect(letter.text).toContain('Next follow-up 2027-01-10');
    for (const h of ['Subjective', 'Objective', 'Assessment', 'Plan']) expect(letter.text).toContain(h);
    expect(letter.text).toContain('Reports eating');
    expect(letter.text).not.toMatch(/kcal|calorie|1,400/i);
    // The referring doctor's letter keeps weight and BMI: clinical information the doctor needs.
    expect(letter.text).toContain('52.3 kg');
    expect(letter.text).toContain('Weight 68 kg');

    const unnamed = await exportPdf(core, { id: visit.id, audience: 'doctor' });
    expect(unnamed.text).toContain('Visit summary for the referring clinician');
    const own = await exportPdf(core, { id: visit.id });
    expect(own.text).toContain('Summary of your visit');
    expect(own.text).not.toMatch(/kcal|calorie|1,400/i);
    // The client's own copy has no weight, BMI or body-size figure: not in the note, not in the goals.
    expect(own.text).not.toMatch(BODY_FIGURE);
    expect(own.text).toMatch(/Weigh — review by 2027-03-01/);
    expect(own.text).toContain('Vegetables at lunch and dinner');
  });
});
