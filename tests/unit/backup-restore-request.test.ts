/**
 * The two small rules the restore dialog of a backup from another computer
 * leans on: the address through which the desktop asks for that dialog reads
 * back as the backup it names (and nothing else reads as a request), and the
 * quick shape check of a typed recovery key accepts what people type for a real
 * key while turning away what the service would call "not a recovery key".
 */
import { describe, expect, it } from 'vitest';
import { restoreBackupHash } from '../../src-shared/api/backups-methods';
import { newDatabaseKey, recoveryKeyOf } from '../../src-main/db/keys';
import { backupFileName } from '../../src-main/upkeep/backups';
import { looksLikeRecoveryKey, restoreRequestIn } from '../../src-renderer/features/backups/recovery-input';

describe('the address that asks for a backup’s restore dialog', () => {
  it('names the backup it was made for, and only a request reads as one', () => {
    const id = backupFileName(new Date('2026-12-06T12:40:30.123Z'), 'manual');
    expect(restoreRequestIn(restoreBackupHash(id))).toBe(id);
    expect(restoreRequestIn(restoreBackupHash('tanoda-a b+c.tanoda'))).toBe('tanoda-a b+c.tanoda');
    expect(restoreRequestIn('#settings')).toBeNull();
    expect(restoreRequestIn('#restore-backup=')).toBeNull();
    expect(restoreRequestIn('#restore-backup=%E0%A4%A')).toBeNull();
    expect(restoreRequestIn('')).toBeNull();
  });
});

describe('the shape of a typed recovery key', () => {
  it('accepts a real key however it is typed, and refuses one too short, too long or with a letter the alphabet lacks', () => {
    const key = recoveryKeyOf(newDatabaseKey());
    expect(key).toMatch(/^([0-9A-Z]{5}-){10}[0-9A-Z]{5}$/);
    expect(looksLikeRecoveryKey(key)).toBe(true);
    expect(looksLikeRecoveryKey(key.toLowerCase().replace(/-/g, ' '))).toBe(true);
    expect(looksLikeRecoveryKey(` ${key.replace(/-/g, '')} `)).toBe(true);
    expect(looksLikeRecoveryKey(key.slice(0, -1))).toBe(false);
    expect(looksLikeRecoveryKey(`${key}7`)).toBe(false);
    expect(looksLikeRecoveryKey(`U${key.slice(1)}`)).toBe(false);
    expect(looksLikeRecoveryKey('')).toBe(false);
  });
});
