/**
 * The grid's query model: Shift+click sort rules, filter activity, in-memory
 * filtering and sorting, and the mapping of the clients and payments grids'
 * queries to their API inputs (which the API's own schemas must accept).
 */
import { describe, expect, it } from 'vitest';
import { contract } from '../../src-shared/api/contract';
import { clientListInput } from '../../src-renderer/features/clients/query';
import { paymentPageInput } from '../../src-renderer/features/payments/query';
import {
  applyQuery,
  emptyQuery,
  isActiveFilter,
  matchesFilter,
  setFilter,
  toggleSort,
  type CellValue,
} from '../../src-renderer/grid/model/query';

describe('grid sort rules', () => {
  it('cycles one column ascending, descending, off', () => {
    expect(toggleSort([], 'name', false)).toEqual([{ id: 'name', desc: false }]);
    expect(toggleSort([{ id: 'name', desc: false }], 'name', false)).toEqual([{ id: 'name', desc: true }]);
    expect(toggleSort([{ id: 'name', desc: true }], 'name', false)).toEqual([]);
    expect(toggleSort([{ id: 'name', desc: true }], 'email', false)).toEqual([{ id: 'email', desc: false }]);
  });

  it('adds, flips and removes levels with Shift', () => {
    let rules = toggleSort([{ id: 'status', desc: false }], 'balance', true);
    expect(rules).toEqual([
      { id: 'status', desc: false },
      { id: 'balance', desc: false },
    ]);
    rules = toggleSort(rules, 'balance', true);
    expect(rules[1]).toEqual({ id: 'balance', desc: true });
    expect(toggleSort(rules, 'balance', true)).toEqual([{ id: 'status', desc: false }]);
    expect(
      toggleSort(
        [
          { id: 'a', desc: false },
          { id: 'b', desc: false },
        ],
        'c',
        true,
        2,
      ).map((r) => r.id),
    ).toEqual(['b', 'c']);
  });
});

describe('grid filters', () => {
  it('treats empty filters as none and drops them', () => {
    expect(isActiveFilter({ kind: 'text', text: '  ' })).toBe(false);
    expect(isActiveFilter({ kind: 'in', values: [] })).toBe(false);
    expect(isActiveFilter({ kind: 'dateRange' })).toBe(false);
    expect(isActiveFilter({ kind: 'amountRange', min: 0 })).toBe(true);
    expect(setFilter(setFilter(emptyQuery, 'x', { kind: 'text', text: 'a' }), 'x', { kind: 'text', text: '' }).filters).toEqual({});
  });

  it('matches text without accents, sets, date and amount ranges', () => {
    expect(matchesFilter('Kovács Anna', { kind: 'text', text: 'kovacs' })).toBe(true);
    expect(matchesFilter(['evening', 'adult'], { kind: 'in', values: ['adult'] })).toBe(true);
    expect(matchesFilter('thinking', { kind: 'in', values: ['confirmed'] })).toBe(false);
    expect(matchesFilter('2026-03-10T08:00:00Z', { kind: 'dateRange', from: '2026-03-10', to: '2026-03-10' })).toBe(true);
    expect(matchesFilter(null, { kind: 'dateRange', from: '2026-01-01' })).toBe(false);
    expect(matchesFilter(5000, { kind: 'amountRange', min: 5000, max: 5000 })).toBe(true);
    expect(matchesFilter(4999, { kind: 'amountRange', min: 5000 })).toBe(false);
  });

  it('filters, searches and sorts rows in memory by several rules, empty values last', () => {
    const rows = [
      { name: 'Béla', status: 'thinking', amount: 300 },
      { name: 'Anna', status: 'confirmed', amount: 300 },
      { name: 'Cecil', status: 'thinking', amount: null },
      { name: 'Dóra', status: 'thinking', amount: 100 },
    ];
    const valueOf = (row: (typeof rows)[number], id: string) => row[id as keyof typeof row] as CellValue;
    const sorted = applyQuery(
      rows,
      {
        search: '',
        sorting: [
          { id: 'amount', desc: false },
          { id: 'name', desc: true },
        ],
        filters: {},
      },
      valueOf,
      ['name'],
    );
    expect(sorted.map((r) => r.name)).toEqual(['Dóra', 'Béla', 'Anna', 'Cecil']);
    const thinking = applyQuery(rows, { search: 'e', sorting: [], filters: { status: { kind: 'in', values: ['thinking'] } } }, valueOf, [
      'name',
    ]);
    expect(thinking.map((r) => r.name)).toEqual(['Béla', 'Cecil']);
  });
});

describe('grid queries as API inputs', () => {
  it('turns the clients grid query into a clients.list input the API accepts', () => {
    const input = clientListInput(
      {
        search: ' kovács ',
        sorting: [
          { id: 'balance', desc: true },
          { id: 'tags', desc: false },
          { id: 'name', desc: false },
        ],
        filters: {
          status: { kind: 'in', values: ['thinking', 'trial'] },
          balance: { kind: 'amountRange', min: 100 },
          overdue: { kind: 'in', values: ['yes'] },
          created: { kind: 'dateRange', from: '2026-01-01', to: '2026-01-31' },
          tags: { kind: 'text', text: 'evening' },
        },
      },
      200,
      200,
    );
    expect(input).toEqual({
      offset: 200,
      limit: 200,
      query: 'kovács',
      sort: [
        { field: 'balanceMinor', desc: true },
        { field: 'displayName', desc: false },
      ],
      status: ['thinking', 'trial'],
      balanceMin: 100,
      overdueOnly: true,
      createdFrom: '2026-01-01',
      createdTo: '2026-01-31',
      tag: 'evening',
    });
    expect(contract['clients.list'].input.safeParse(input).success).toBe(true);
  });

  it('turns the payments grid query into a payments.page input the API accepts', () => {
    const input = paymentPageInput(
      {
        search: 'INV-1',
        sorting: [{ id: 'paidOn', desc: true }],
        filters: {
          paidOn: { kind: 'dateRange', from: '2026-02-01' },
          method: { kind: 'in', values: ['cash', 'card'] },
          amount: { kind: 'amountRange', max: 5000 },
          voided: { kind: 'in', values: ['no'] },
        },
      },
      0,
      200,
    );
    expect(input).toEqual({
      offset: 0,
      limit: 200,
      query: 'INV-1',
      sort: [{ field: 'paidOn', desc: true }],
      from: '2026-02-01',
      methods: ['cash', 'card'],
      amountMax: 5000,
      voided: 'exclude',
    });
    expect(contract['payments.page'].input.safeParse(input).success).toBe(true);
    expect(paymentPageInput({ ...emptyQuery, filters: { voided: { kind: 'in', values: ['yes', 'no'] } } }, 0, 1).voided).toBeUndefined();
  });
});
