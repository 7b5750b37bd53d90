import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call } from '../../../lib/api.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { formatIsoDate } from '../../../lib/format.ts';
import { DayStatusCard } from './DayStatusCard.tsx';

const DAY_WITH_ACTIVITY = '2026-03-02';
const EMPTY_DAY = '2026-03-03';

/**
 * Holds back the answers to `dashboard.day` for `date` until `release()`: the network is the one
 * thing faked here, so the test can look at the screen while the changed day is still loading.
 */
function holdDayAnswers(date: string): { release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const realFetch = window.fetch.bind(window);
  vi.spyOn(window, 'fetch').mockImplementation(async (input, init) => {
    const held = String(input).endsWith('/api/rpc/dashboard.day') && String(init?.body).includes(`"${date}"`);
    if (held) await gate;
    return realFetch(input, init);
  });
  return { release };
}

/** The card as the dashboard shows it, with a way to move to the next day (as the date field does). */
function DayWithNext({ clientId, first, next }: { clientId: string; first: string; next: string }): React.JSX.Element {
  const [date, setDate] = useState(first);
  return (
    <>
      <button type="button" onClick={() => setDate(next)}>
        next day
      </button>
      <DayStatusCard clientId={clientId} date={date} />
    </>
  );
}

describe('DayStatusCard when the day changes', () => {
  beforeEach(connectToHost);
  afterEach(() => vi.restoreAllMocks());

  it("never shows the previous day's figures under the new day's title while the new day loads", async () => {
    const client = await call('clients.create', {
      name: `DayStatus ${Date.now().toString(36)}`,
      sex: 'female',
      birthDate: '1985-04-12',
      heightCm: 165,
      weightKg: 60,
    });
    await call('log.add', {
      kind: 'activity',
      clientId: client.id,
      date: DAY_WITH_ACTIVITY,
      activity: 'jogging',
      minutes: 45,
    });

    renderInApp(<DayWithNext clientId={client.id} first={DAY_WITH_ACTIVITY} next={EMPTY_DAY} />);
    await waitFor(() => expect(screen.getByTestId('dashboard-day-activity').textContent).toMatch(/Activity 45 min/));

    const held = holdDayAnswers(EMPTY_DAY);
    fireEvent.click(screen.getByRole('button', { name: 'next day' }));
    // The title already names the new day; the figures under it must not be the old day's.
    await screen.findByText(`${formatIsoDate(EMPTY_DAY)} against targets`);
    expect(screen.queryByTestId('dashboard-day-activity')).toBeNull();
    expect(screen.getByLabelText('Loading the day')).toBeTruthy();

    held.release();
    await waitFor(() => expect(screen.getByTestId('dashboard-day-activity').textContent).toMatch(/Activity 0 min/));
    expect(screen.getByTestId('dashboard-day-entries').textContent).toBe('No food logged on this day.');
  });
});

describe('DayStatusCard: caffeine and alcohol', () => {
  beforeEach(connectToHost);

  it('shows the day’s caffeine and alcohol with the pregnancy references, and no target for them', async () => {
    const client = await call('clients.create', {
      name: `Extras ${Date.now().toString(36)}`,
      sex: 'female',
      birthDate: '1990-04-12',
      heightCm: 165,
      weightKg: 62,
      lifeStage: 'pregnant',
      lifeStageDetail: 2,
    });
    const date = '2026-03-04';
    // Brewed coffee (USDA SR24: 40 mg caffeine per 100 g) and red wine (10.6 g alcohol per 100 g).
    await call('log.add', { kind: 'diet', clientId: client.id, date, foodId: 'usda:14209', grams: 600 });
    await call('log.add', { kind: 'diet', clientId: client.id, date, foodId: 'usda:14096', grams: 50 });
    renderInApp(<DayStatusCard clientId={client.id} date={date} />);
    await waitFor(() => expect(screen.getByTestId('extra-value-caffeineMg').textContent).toBe('240 mg'));
    expect(screen.getByTestId('extra-value-alcoholG').textContent).toBe('5.3 g');
    expect(screen.getByTestId('extra-reference-caffeineMg').textContent).toMatch(/In pregnancy, up to 200 mg a day/);
    expect(screen.getByTestId('extra-reference-alcoholG').textContent).toMatch(/In pregnancy, no alcohol/);
    expect(screen.getByTestId('extra-badge-caffeineMg').textContent).toBe('Above reference');
    expect(screen.getByTestId('extra-badge-alcoholG').textContent).toBe('Above reference');
    expect(screen.queryByTestId('status-row-caffeineMg')).toBeNull();
  });
});
