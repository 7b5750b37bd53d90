import { Table } from '@mantine/core';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../test/render.tsx';
import { TableHead } from './TableHead.tsx';

describe('TableHead', () => {
  it('heads each column in order, numbers set right, an empty heading kept as a cell', () => {
    renderInApp(
      <Table>
        <TableHead columns={['Nutrient', { label: 'Target', align: 'right' }, '']} />
      </Table>,
    );
    const heads = screen.getAllByRole('columnheader');
    expect(heads.map((h) => h.textContent)).toEqual(['Nutrient', 'Target', '']);
    expect(heads[1]?.getAttribute('style') ?? '').toContain('text-align: right');
    expect(heads[0]?.getAttribute('style') ?? '').not.toContain('text-align');
  });
});
