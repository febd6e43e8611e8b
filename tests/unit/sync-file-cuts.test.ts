/**
 * Where a change file ends (sync/publish.ts `fileEnd`). A file names its range in
 * the log's `seq`s, and the columns of one write share one seq: a file that ended
 * inside a write would leave the rest of it outside every range, so a file re-made
 * from its range (a vanished file published again) would lose those columns. A
 * user action is kept whole where it fits; one larger than a file is cut between
 * writes; a write wider than a file goes whole.
 */
import { describe, expect, it } from 'vitest';
import type { RemoteEntry } from '../../src-main/changes/merge';
import { fileEnd, type OwnEntry } from '../../src-main/sync/publish';

/** Entries for writes given as [tx, columns]: each write its own seq. */
function entries(writes: [string, number][]): OwnEntry[] {
  const out: OwnEntry[] = [];
  writes.forEach(([tx, columns], i) => {
    for (let c = 0; c < columns; c++) {
      const entry: RemoteEntry = {
        hlc: `h${i}`,
        tx,
        deviceId: 'd',
        userId: null,
        table: 'clients',
        rowId: `r${i}`,
        column: `c${c}`,
        value: '1',
      };
      out.push({ seq: i + 1, entry });
    }
  });
  return out;
}

/** The files as [first seq, last seq] pairs. */
function files(pending: OwnEntry[], perFile: number): [number, number][] {
  const out: [number, number][] = [];
  for (let index = 0; index < pending.length;) {
    const end = fileEnd(pending, index, perFile);
    expect(end).toBeGreaterThan(index);
    out.push([(pending[index] as OwnEntry).seq, (pending[end - 1] as OwnEntry).seq]);
    index = end;
  }
  return out;
}

describe('change files are cut', () => {
  it('between actions when an action fits in a file', () => {
    expect(
      files(
        entries([
          ['a', 3],
          ['a', 3],
          ['b', 3],
          ['c', 2],
        ]),
        8,
      ),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('between writes when one action is larger than a file, never inside a write', () => {
    const pending = entries([
      ['a', 3],
      ['a', 3],
      ['a', 3],
      ['a', 3],
    ]);
    const cut = files(pending, 7);
    expect(cut).toEqual([
      [1, 2],
      [3, 4],
    ]);
    for (let i = 1; i < cut.length; i++) expect((cut[i] as [number, number])[0]).toBeGreaterThan((cut[i - 1] as [number, number])[1]);
  });

  it('around a write wider than a file, whole', () => {
    expect(
      files(
        entries([
          ['a', 2],
          ['a', 9],
          ['b', 1],
        ]),
        4,
      ),
    ).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });
});
