import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatRoute } from '../../../app/route.ts';
import { call } from '../../../lib/api.ts';
import { formatIsoDate } from '../../../lib/format.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { peekClientPageIntent } from '../../clients/client-page-intent.ts';
import { overdueText } from '../visit-text.ts';
import { OverdueFollowUps } from './OverdueFollowUps.tsx';

describe('OverdueFollowUps', () => {
  beforeEach(connectToHost);

  it("lists a client whose follow-up passed, with the core's due date and days, and opens their Visits tab", async () => {
    const stamp = Date.now().toString(36);
    const late = await call('clients.create', { name: `Overdue ${stamp}` });
    const seen = await call('clients.create', { name: `Seen again ${stamp}` });
    const base = { type: 'follow-up' as const, note: { format: 'soap' as const } };
    await call('visits.add', { ...base, clientId: late.id, date: '2025-01-06', nextFollowUp: '2025-02-03' });
    // Followed up by a later visit without a next date: not overdue.
    await call('visits.add', { ...base, clientId: seen.id, date: '2025-01-06', nextFollowUp: '2025-02-03' });
    await call('visits.add', { ...base, clientId: seen.id, date: '2025-02-03' });

    renderInApp(<OverdueFollowUps />);
    const list = await screen.findByTestId('overdue-list');
    const rows = within(list).getAllByTestId('overdue-row');
    expect(rows.some((r) => r.getAttribute('data-client-id') === seen.id)).toBe(false);
    const row = rows.find((r) => r.getAttribute('data-client-id') === late.id);
    if (!row) throw new Error('The overdue client is not listed.');
    const expected = (await call('visits.overdue', {})).find((o) => o.clientId === late.id);
    expect(expected?.due).toBe('2025-02-03');
    expect(within(row).getByTestId('overdue-open').textContent).toBe(late.name);
    expect(within(row).getByTestId('overdue-due').textContent).toBe(formatIsoDate('2025-02-03'));
    expect(within(row).getByTestId('overdue-days').textContent).toBe(overdueText(expected?.daysOverdue ?? NaN));

    fireEvent.click(within(row).getByTestId('overdue-open'));
    expect(window.location.hash).toBe(formatRoute({ name: 'client', id: late.id }));
    expect(peekClientPageIntent(late.id)).toEqual({ tab: 'visits' });
  });
});
