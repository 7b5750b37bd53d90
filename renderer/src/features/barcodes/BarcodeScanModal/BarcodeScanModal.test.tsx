import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { zipSync, strToU8 } from 'fflate';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { call } from '../../../lib/api.ts';
import { bytesToBase64 } from '../../../lib/base64.ts';
import { todayIso } from '../../../lib/format.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { ean13Svg, randomEan13 } from '../testing/ean-svg.ts';
import { BarcodeScanModal } from './BarcodeScanModal.tsx';

/** A one-product FoodData Central Branded Foods archive, as the importer reads it. */
function brandedZip(gtin: string, name: string): string {
  const files = {
    'food.csv':
      '"fdc_id","data_type","description","food_category_id","publication_date"\n' +
      `"9100001","branded_food","${name}","","2026-04-24"\n`,
    'nutrient.csv': '"id","name","unit_name"\n"1008","Energy","KCAL"\n"1003","Protein","G"\n',
    'food_nutrient.csv':
      '"id","fdc_id","nutrient_id","amount"\n"1","9100001","1008","412"\n"2","9100001","1003","9.5"\n',
    'branded_food.csv':
      '"fdc_id","brand_owner","brand_name","gtin_upc","ingredients","serving_size","serving_size_unit","household_serving_fulltext"\n' +
      `"9100001","Scan Test Co.","SCANBRAND","${gtin}","OATS, SUGAR","40","g","2 bars"\n`,
  };
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [`branded/${k}`, strToU8(v)])));
  return bytesToBase64(zip);
}

const photoOf = (code: string): File => new File([ean13Svg(code)], 'package.svg', { type: 'image/svg+xml' });
const pick = (file: File): void => {
  fireEvent.change(screen.getByTestId('barcode-file'), { target: { files: [file] } });
};

describe('BarcodeScanModal', () => {
  beforeEach(connectToHost);

  it('reads a photo of a package, shows the stored food with its source, opens it and logs it for a client', async () => {
    const code = randomEan13();
    const name = `SCAN TEST BAR ${code}`;
    await call('foods.import', {
      fileName: 'branded.zip',
      dataBase64: brandedZip(code, name),
      format: 'fdc',
      datasetName: 'Branded test set',
      citation: null,
    });
    const client = await call('clients.create', { name: `Scan ${Date.now().toString(36)}` });
    const onOpenFood = vi.fn();
    renderInApp(<BarcodeScanModal opened onClose={() => {}} onOpenFood={onOpenFood} />);

    pick(photoOf(code));
    const match = await screen.findByTestId('barcode-match');
    expect(screen.getByTestId('barcode-code').textContent).toBe(code);
    expect(screen.getByTestId('barcode-result').textContent).toContain('(EAN-13)');
    expect(match.textContent).toContain(name);
    expect(match.textContent).toContain('SCANBRAND · Source: Branded test set');

    fireEvent.click(within(match).getByTestId('barcode-open'));
    expect(onOpenFood).toHaveBeenCalledTimes(1);
    const foodId = String(onOpenFood.mock.calls[0]?.[0]);
    expect((await call('foods.get', { id: foodId })).name).toBe(name);

    fireEvent.click(within(match).getByTestId('barcode-log'));
    const panel = await screen.findByTestId('barcode-log-panel');
    const select = within(panel).getByTestId('barcode-log-client');
    await waitFor(() => expect(select.textContent).toContain(client.name));
    fireEvent.change(select, { target: { value: client.id } });
    const form = await screen.findByTestId('log-diet-form');
    // The log's own form, with the scanned food already chosen: only the amount is entered.
    fireEvent.change(await within(form).findByTestId('log-grams'), { target: { value: '40' } });
    fireEvent.submit(form);
    await waitFor(() => expect(screen.queryByTestId('barcode-log-panel')).toBeNull());
    const today = todayIso();
    const day = await call('log.list', { clientId: client.id, from: today, to: today });
    expect(JSON.stringify(day)).toContain(name);
  }, 120_000);

  it('says what to do when the code is not stored and the online lookup is off, and refuses a mistyped number', async () => {
    await call('settings.update', { openFoodFactsLookup: false });
    renderInApp(<BarcodeScanModal opened onClose={() => {}} onOpenFood={() => {}} />);
    const code = randomEan13();
    pick(photoOf(code));
    const none = await screen.findByTestId('barcode-not-found');
    expect(screen.getByTestId('barcode-code').textContent).toBe(code);
    expect(none.textContent).toContain('Branded Foods');
    expect(none.textContent).toContain('sends only the barcode number');

    const wrong = code.slice(0, 12) + String((Number(code[12]) + 1) % 10);
    fireEvent.change(screen.getByTestId('barcode-number'), { target: { value: wrong } });
    fireEvent.click(screen.getByTestId('barcode-lookup'));
    expect((await screen.findByTestId('barcode-error')).textContent).toContain('check digit');
  }, 60_000);

  it('says so when the photo has no barcode', async () => {
    renderInApp(<BarcodeScanModal opened onClose={() => {}} onOpenFood={() => {}} />);
    const blank =
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect width="300" height="200" fill="#8a6"/></svg>';
    pick(new File([blank], 'plate.svg', { type: 'image/svg+xml' }));
    expect((await screen.findByTestId('barcode-error')).textContent).toContain('No barcode found in this photo');
  }, 60_000);
});
