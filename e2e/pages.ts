import { expect, type Page } from '@playwright/test';

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
