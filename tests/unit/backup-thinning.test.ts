/**
 * Backup thinning keeps the newest three plus the newest backup of each of the
 * last 7 days, 4 ISO weeks and 12 months — checked across month and year ends,
 * where day, week and month buckets disagree (31 December 2026 is in ISO week
 * 2026-W53; 1 January 2027 too).
 */
import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToThin, isoWeekKey, parseBackupName } from '../../src-main/upkeep/backups';

const backup = (takenAt: string) => ({ id: backupFileName(new Date(takenAt), 'interval'), takenAt });

function kept(list: { id: string; takenAt: string }[]): string[] {
  const dropped = new Set(backupsToThin(list));
  return list
    .filter((b) => !dropped.has(b.id))
    .map((b) => b.takenAt)
    .sort();
}

describe('backup names', () => {
  it('round-trip time and reason, and refuse anything else', () => {
    const name = backupFileName(new Date('2026-12-31T23:59:59.123Z'), 'before-import');
    expect(name).toBe('tanoda-20261231T235959123Z-before-import.tanoda');
    expect(parseBackupName(name)).toEqual({ takenAt: '2026-12-31T23:59:59.123Z', reason: 'before-import' });
    // Backups of earlier versions, named .db, still list.
    expect(parseBackupName('tanoda-20261231T235959123Z-manual.db')).toEqual({ takenAt: '2026-12-31T23:59:59.123Z', reason: 'manual' });
    expect(parseBackupName('tanoda-20261231T235959123Z-manual.sqlite')).toBeNull();
    expect(parseBackupName('tanoda-20261231T235959123Z-evil.db')).toBeNull();
    expect(parseBackupName('../tanoda-20261231T235959123Z-manual.db')).toBeNull();
    expect(parseBackupName('tanoda-20261332T235959123Z-manual.db')).toBeNull();
  });
});

describe('ISO weeks', () => {
  it('puts year ends in the right week-year', () => {
    expect(isoWeekKey(new Date('2026-12-31T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekKey(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekKey(new Date('2027-01-04T00:00:00Z'))).toBe('2027-W01');
    expect(isoWeekKey(new Date('2025-12-29T00:00:00Z'))).toBe('2026-W01');
    expect(isoWeekKey(new Date('2024-02-29T00:00:00Z'))).toBe('2024-W09');
  });
});

describe('thinning', () => {
  it('keeps everything while there are few backups', () => {
    const list = ['2026-03-01T10:00:00Z', '2026-03-02T10:00:00Z', '2026-03-03T10:00:00Z'].map(backup);
    expect(backupsToThin(list)).toEqual([]);
  });

  it('keeps one per day for the last seven days, plus the newest three', () => {
    // Every 30 minutes for 10 days, ending 2026-03-10 23:30.
    const list = [];
    for (let i = 0; i < 10 * 48; i++) list.push(backup(new Date(Date.UTC(2026, 2, 1) + i * 30 * 60_000).toISOString()));
    const result = kept(list);
    expect(result.filter((t) => t >= '2026-03-04')).toEqual([
      '2026-03-04T23:30:00.000Z',
      '2026-03-05T23:30:00.000Z',
      '2026-03-06T23:30:00.000Z',
      '2026-03-07T23:30:00.000Z',
      '2026-03-08T23:30:00.000Z',
      '2026-03-09T23:30:00.000Z',
      '2026-03-10T22:30:00.000Z',
      '2026-03-10T23:00:00.000Z',
      '2026-03-10T23:30:00.000Z',
    ]);
    // Older days survive only as the newest of their ISO week or month.
    expect(result.filter((t) => t < '2026-03-04')).toEqual(['2026-03-01T23:30:00.000Z']);
  });

  it('across a year end keeps 7 daily, 4 weekly and 12 monthly backups and nothing else', () => {
    // One backup a day at noon from 2025-10-01 to 2027-01-02.
    const list = [];
    for (let t = Date.UTC(2025, 9, 1, 12); t <= Date.UTC(2027, 0, 2, 12); t += 86_400_000) list.push(backup(new Date(t).toISOString()));
    const result = kept(list);
    expect(result).toEqual(
      [
        // monthly: newest of each of the last 12 months (Feb 2026 … Jan 2027)
        '2026-02-28',
        '2026-03-31',
        '2026-04-30',
        '2026-05-31',
        '2026-06-30',
        '2026-07-31',
        '2026-08-31',
        '2026-09-30',
        '2026-10-31',
        '2026-11-30',
        // weekly: newest of 2026-W50, W51, W52 (W53 is covered by the days)
        '2026-12-13',
        '2026-12-20',
        '2026-12-27',
        // daily: the last seven days (also the newest three, W53 and January)
        '2026-12-27',
        '2026-12-28',
        '2026-12-29',
        '2026-12-30',
        '2026-12-31',
        '2027-01-01',
        '2027-01-02',
      ]
        .filter((d, i, all) => all.indexOf(d) === i)
        .map((d) => `${d}T12:00:00.000Z`),
    );
  });

  it('does not depend on the order it is given', () => {
    const list = [];
    for (let t = Date.UTC(2026, 0, 1); t <= Date.UTC(2026, 5, 1); t += 7 * 3_600_000) list.push(backup(new Date(t).toISOString()));
    const reversed = [...list].reverse();
    expect(new Set(backupsToThin(reversed))).toEqual(new Set(backupsToThin(list)));
  });
});
