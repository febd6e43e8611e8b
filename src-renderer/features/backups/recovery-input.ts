/**
 * The two rules of the restore-from-another-computer flow that need no screen,
 * kept apart from the components so they are tested on their own: which backup
 * an address asks to restore (the desktop's hand-over, restore-request.ts), and
 * whether a typed recovery key has the shape of one, checked before it is sent
 * so a half-typed key is answered at once (the service checks it again, with
 * its checksum).
 */
import { RESTORE_BACKUP_HASH } from '../../../src-shared/api/backups-methods';

/** The backup id an address asks to restore, or null. */
export function restoreRequestIn(hash: string): string | null {
  if (!hash.startsWith(RESTORE_BACKUP_HASH)) return null;
  try {
    const id = decodeURIComponent(hash.slice(RESTORE_BACKUP_HASH.length));
    return id === '' ? null : id;
  } catch {
    return null;
  }
}

const recoveryAlphabet = /^[0-9A-HJKMNP-TV-Z]{55}$/;

/** The shape check the service repeats: 55 characters of the recovery alphabet once case, spaces and dashes are set aside. */
export function looksLikeRecoveryKey(typed: string): boolean {
  const cleaned = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return recoveryAlphabet.test(cleaned);
}
