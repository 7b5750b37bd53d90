import { fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../../lib/api.ts';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { ProfileSummary } from './ProfileSummary.tsx';

/** The profile card over the real core, for a client created through the contract. */
describe('ProfileSummary', () => {
  beforeEach(connectToHost);

  it('shows weight and BMI for a client in ordinary care', async () => {
    const client = await call('clients.create', { name: 'Profile plain', weightKg: 70, heightCm: 175 });
    renderInApp(<ProfileSummary client={client} />);
    expect(screen.getByTestId('profile-weight').textContent).toMatch(/^70(\.0)? kg$/);
    // 70 / 1.75² = 22.857…
    expect(screen.getByTestId('profile-bmi').textContent).toBe('22.9 kg/m²');
    expect(screen.queryByTestId('profile-show-body')).toBeNull();
  });

  it('hides weight and BMI for an eating-disorder-sensitive client until the practitioner chooses to show them', async () => {
    const client = await call('clients.create', {
      name: 'Profile sensitive',
      weightKg: 70,
      heightCm: 175,
      edSensitive: true,
    });
    renderInApp(<ProfileSummary client={client} />);
    expect(screen.getByTestId('profile-weight').textContent).toBe('Hidden');
    expect(screen.getByTestId('profile-bmi').textContent).toBe('Hidden');
    expect(document.body.textContent).not.toMatch(/70(\.0)? kg|22\.9/);
    fireEvent.click(screen.getByTestId('profile-show-body'));
    expect(screen.getByTestId('profile-bmi').textContent).toBe('22.9 kg/m²');
    fireEvent.click(screen.getByTestId('profile-hide-body'));
    expect(screen.getByTestId('profile-weight').textContent).toBe('Hidden');
  });
});
