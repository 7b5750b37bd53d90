import { expect, test } from './fixtures.ts';
import { choose, createClient, logFood } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

test('a condition suggestion is applied as your value with its source; sources and "Not tracked" show', async ({
  app: { page },
}) => {
  await createClient(page, {
    name: CLIENTS.hilda.name,
    birthDate: '1970-04-02',
    sex: 'Female',
    heightCm: 162,
    weightKg: 74,
  });

  // Every target shows its citation; nutrients the food data lacks are marked.
  await expect(page.getByTestId('target-source-ironMg')).toContainText('IOM 2001 DRI, RDA');
  await expect(page.getByTestId('target-untracked-iodineMcg')).toBeVisible();
  await expect(page.getByTestId('target-ul-ironMg')).toContainText('UL 45 mg');
  await expect(page.getByTestId('target-suggestion-sodiumMg')).toHaveCount(0);

  // Record hypertension and a sport goal on the profile.
  await page.getByTestId('client-edit').click();
  await choose(page, 'field-goal', 'Sport');
  await page.getByTestId('field-conditions').click();
  await page.getByRole('option', { name: 'Hypertension', exact: true }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('client-save').click();
  await expect(page.getByTestId('profile-goal')).toHaveText('Sport');
  await expect(page.getByTestId('profile-conditions')).toHaveText('Hypertension');
  // Sport protein: 1.6 g/kg × 74 kg = 118.4 g.
  await expect(page.getByTestId('target-value-proteinG')).toContainText('118');
  await expect(page.getByTestId('target-source-proteinG')).toContainText('ISSN 2017');

  // The sodium suggestion is not applied by itself: the computed value stays until the practitioner applies it.
  const suggestion = page.getByTestId('target-suggestion-sodiumMg');
  await expect(suggestion).toContainText('1,500 mg');
  await expect(suggestion).toContainText('AHA/ACC 2017');
  await expect(page.getByTestId('target-value-sodiumMg')).toContainText('2,300');
  await page.getByTestId('target-apply-sodiumMg').click();
  await page.getByTestId('suggestion-confirm').click();

  await expect(page.getByTestId('target-value-sodiumMg')).toContainText('1,500');
  await expect(page.getByTestId('target-row-sodiumMg')).toContainText('Your value');
  await expect(page.getByTestId('target-source-sodiumMg')).toContainText('set by the practitioner');
  await expect(page.getByTestId('target-source-sodiumMg')).toContainText('Applied suggestion: Sodium 1,500 mg');
  await expect(page.getByTestId('target-source-sodiumMg')).toContainText('AHA/ACC 2017');
  await expect(page.getByTestId('target-computed-sodiumMg')).toContainText('NASEM 2019');
  await expect(page.getByTestId('target-suggestion-sodiumMg')).toHaveCount(0);
});

test('a pregnant client: protein + 25 g, and the intake model says why it gives no estimate', async ({
  app: { page },
}) => {
  await createClient(page, {
    name: CLIENTS.clara.name,
    birthDate: '1992-01-10',
    sex: 'Female',
    heightCm: 165,
    weightKg: 66,
  });
  await page.getByTestId('client-edit').click();
  await choose(page, 'field-lifeStage', 'Pregnant');
  await choose(page, 'field-lifeStageDetail', 'Trimester 2');
  await page.getByTestId('client-save').click();
  // 0.8 g/kg × 66 kg + 25 g = 77.8 g (IOM 2005 ch. 10).
  await expect(page.getByTestId('target-value-proteinG')).toContainText('78 g');
  await expect(page.getByTestId('target-source-proteinG')).toContainText('+ 25 g');

  await logFood(page, { search: 'banana', food: 'Bananas, raw', measure: /^1 medium/ });
  await expect(page.getByTestId('log-entry').filter({ hasText: 'Bananas, raw' })).toBeVisible();

  await page.getByTestId('client-tab-dashboard').click();
  await expect(page.getByTestId('forecast-hidden-reason')).toContainText('not validated in pregnancy');
  await expect(page.getByTestId('forecast-estimate')).toHaveCount(0);
  await expect(page.getByTestId('status-badge-iodineMcg')).toContainText('Not tracked');
});
