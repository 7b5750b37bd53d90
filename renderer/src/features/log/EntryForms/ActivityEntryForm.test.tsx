import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { call } from '../../../lib/api.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { ActivityEntryForm } from './ActivityEntryForm.tsx';

const DAY = '2026-04-07';

async function newClient(): Promise<string> {
  const client = await call('clients.create', {
    name: `Activity picker ${Date.now().toString(36)}`,
    sex: 'male',
    birthDate: '1979-09-30',
    heightCm: 180,
    weightKg: 80,
  });
  return client.id;
}

/** The options the open list shows, in order. */
function shownOptions(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-combobox-option]')];
}

function typeActivity(words: string): void {
  const field = screen.getByTestId('log-activity');
  // Typed by the user: the field has the focus (a change without it reads as an autofill).
  field.focus();
  fireEvent.click(field);
  fireEvent.change(field, { target: { value: words } });
}

describe('ActivityEntryForm picker', () => {
  beforeEach(connectToHost);

  it('finds an activity by an everyday word and logs it', async () => {
    const clientId = await newClient();
    const onSaved = vi.fn();
    renderInApp(
      <ActivityEntryForm clientId={clientId} date={DAY} entry={null} onSaved={onSaved} onCancel={() => {}} />,
    );
    await screen.findByTestId('log-activity');

    typeActivity('hoovering');
    const first = await waitFor(() => {
      const options = shownOptions();
      expect(options[0]?.textContent).toMatch(/^Vacuuming, general/);
      return options[0]!;
    });
    fireEvent.click(first);
    fireEvent.change(screen.getByTestId('log-minutes'), { target: { value: '40' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const entries = await call('log.list', { clientId, from: DAY, to: DAY });
    expect(entries.map((e) => e.activity?.key)).toEqual(['vacuuming']);
  });

  it('lists the closest everyday match first', async () => {
    const clientId = await newClient();
    renderInApp(
      <ActivityEntryForm clientId={clientId} date={DAY} entry={null} onSaved={() => {}} onCancel={() => {}} />,
    );
    await screen.findByTestId('log-activity');

    typeActivity('brisk walk');
    await waitFor(() => {
      const options = shownOptions().map((o) => o.textContent);
      expect(options[0]).toMatch(/^Walking, 3\.5 mph \(5\.6 km\/h\), brisk/);
      expect(options.some((o) => o?.startsWith('Walking, 4.0 mph'))).toBe(true);
      expect(options.some((o) => o?.startsWith('Swimming'))).toBe(false);
    });
  });

  it('says when nothing matches', async () => {
    const clientId = await newClient();
    renderInApp(
      <ActivityEntryForm clientId={clientId} date={DAY} entry={null} onSaved={() => {}} onCancel={() => {}} />,
    );
    await screen.findByTestId('log-activity');

    typeActivity('xyzzy');
    expect((await screen.findByText('No activity matches these words.')).textContent).toBe(
      'No activity matches these words.',
    );
  });
});
