import { expect, test } from './fixtures.ts';
import { choose } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

test('a vegan client with a low-fibre week gets a fibre recommendation with no animal products; dismissed, it stays dismissed', async ({
  app: { page },
}) => {
  await page.getByTestId('client-new').click();
  await page.getByTestId('field-name').fill(CLIENTS.vera.name);
  await page.getByTestId('field-birthDate').fill('1990-04-04');
  await choose(page, 'field-sex', 'Female');
  await page.getByTestId('field-heightCm').fill('165');
  await page.getByTestId('field-weightKg').fill('60');
  await choose(page, 'field-dietPattern', 'Vegan');
  await page.getByTestId('client-save').click();
  await expect(page.getByTestId('client-name')).toHaveText(CLIENTS.vera.name);

  // A week of white rice (0.4 g fibre per 100 g, USDA SR28 20045): the log the practitioner typed in
  // is put in through the same contract the Log tab uses.
  const clientId = new URL(page.url()).hash.split('/')[2] ?? '';
  const logged = await page.evaluate(async (id) => {
    const token = sessionStorage.getItem('bioai.token') ?? '';
    let ok = 0;
    for (let d = 0; d < 7; d++) {
      const day = new Date(Date.now() - d * 86_400_000);
      const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
      const r = await fetch('/api/rpc/log.add', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ kind: 'diet', clientId: id, date, foodId: 'usda:20045', grams: 600, meal: 'lunch' }),
      });
      if (((await r.json()) as { ok: boolean }).ok) ok++;
    }
    return ok;
  }, clientId);
  expect(logged).toBe(7);

  await page.getByTestId('client-tab-recommendations').click();
  await page.getByTestId('recommendations-evaluate').click();
  const fibre = page.locator('[data-testid="recommendation"][data-rule-id="fibre-low"]');
  await expect(fibre).toBeVisible();
  const suggestions = fibre.getByTestId('recommendation-suggestion');
  await expect(suggestions.first()).toBeVisible();
  await expect(suggestions.filter({ hasText: /^Have yogurt with bran cereal/ })).toHaveCount(0);
  await expect(suggestions.filter({ hasText: 'Soy yogurt with bran cereal' })).toHaveCount(1);
  await expect(fibre.getByTestId('recommendation-guardrail').filter({ hasText: /Not a diagnosis/ })).toBeVisible();

  // See why: the condition and the value that made it true.
  await fibre.getByTestId('recommendation-why').click();
  await expect(fibre.getByTestId('recommendation-value').filter({ hasText: 'fibre_g_7d_ratio' })).toBeVisible();

  // Dismiss with a reason; evaluating again does not bring it back.
  await fibre.getByTestId('recommendation-dismiss').click();
  await page.getByTestId('recommendation-dismiss-reason').fill('Already on a high-fibre plan from next week');
  await page.getByTestId('recommendation-dismiss-confirm').click();
  await expect(fibre).toHaveCount(0);
  await page.getByTestId('recommendations-evaluate').click();
  await expect(page.getByTestId('recommendations-panel')).toBeVisible();
  await expect(fibre).toHaveCount(0);
  await page.getByTestId('recommendations-show-closed').check({ force: true });
  await expect(fibre).toContainText(/Dismissed/i);
});

test('the rule editor lists a bad line above the text, goes to it, and accepts the condition once quoted whole', async ({
  app: { page },
}) => {
  await page.getByTestId('nav-rules').click();
  await page.getByTestId('rule-new').click();
  const box = page.getByTestId('rule-editor');
  const source = await box.inputValue();
  const condition = 'features.fibre_g_7d_mean < targets.fibre_g * 0.7';
  expect(source).toContain(`when: ${condition}`);

  await box.fill(source.replace(condition, `"female" == client.sex && ${condition}`));
  const error = page.getByTestId('rule-editor-error');
  await expect(error).toContainText(':5:16: YAML: when starts with a double quote');
  // Above the text, so in view while the box is.
  const [errorBox, textBox] = [await error.boundingBox(), await box.boundingBox()];
  expect(errorBox!.y + errorBox!.height).toBeLessThanOrEqual(textBox!.y);
  await page.getByTestId('rule-editor-error-goto').click();
  await expect(box).toBeFocused();
  // The cursor is at line 5, column 16: what is typed lands there.
  await page.keyboard.type('Z');
  expect((await box.inputValue()).split('\n')[4]).toBe(`when: "female" Z== client.sex && ${condition}`);

  await box.fill(source.replace(condition, `"client.sex == "female" && ${condition}"`));
  await expect(page.getByTestId('rule-editor-status')).toHaveAttribute('data-valid', 'true');
  await expect(error).toHaveCount(0);
});
