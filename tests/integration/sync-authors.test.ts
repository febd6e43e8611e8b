/**
 * Who may write what once computers share a folder. On a joined computer the
 * router caps whoever signs in by the role the computer is certified for, and
 * refuses what the other computers would refuse, so the replica never diverges.
 * A tampered app that writes around its router is refused on every other
 * replica: entries claiming another user, and edits the certified role's
 * capabilities do not cover (an assistant changing a program or a group).
 */
import { describe, expect, it } from 'vitest';
import { logDrift } from '../../src-main/changes/changelog';
import { applyChanges } from '../../src-main/changes/funnel';
import { diskFolder } from '../../src-main/sync/folder';
import { syncNow, syncStatus } from '../../src-main/sync';
import { tempDir } from './helpers';
import { joinReplica, liveRows, ownerReplica, type Replica } from './sync-helpers';

function school() {
  const folder = diskFolder(tempDir());
  const owner = ownerReplica(folder);
  const program = owner.call('programs.create', { name: 'Angol A1' });
  const client = owner.call('clients.create', { firstName: 'Emil', lastName: 'Varga' });
  const assistant = joinReplica(owner, folder, { username: 'anna', role: 'assistant' });
  const other = joinReplica(owner, folder, { username: 'bea', role: 'assistant' });
  const everyone = [owner, assistant, other];
  const syncAll = () => {
    for (let round = 0; round < 2; round++) for (const r of everyone) syncNow(r.db, folder, r.clock);
  };
  syncAll();
  return { folder, owner, assistant, other, everyone, syncAll, program, client };
}

const count = (r: Replica) => r.db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get() as number;

describe('a joined computer caps rights by its certificate', () => {
  it("refuses the owner deleting or changing settings on the assistant's computer, and says why", () => {
    const { assistant, owner, client } = school();
    const before = count(assistant);
    const deleting = assistant.fail('clients.delete', { id: client.id }, owner.actor);
    expect(deleting.code).toBe('FORBIDDEN');
    expect(deleting.message).toContain('registered for sync for the assistant role');
    expect(deleting.fields?.[0]?.code).toBe('records.delete');
    expect(assistant.fail('settings.update', { schoolName: 'Elsewhere' }, owner.actor).code).toBe('FORBIDDEN');
    expect(assistant.fail('programs.create', { name: 'Német' }, owner.actor).code).toBe('FORBIDDEN');
    // Reading is still allowed, and nothing was written.
    expect(assistant.call('clients.get', { id: client.id }, owner.actor).deletedAt).toBeNull();
    expect(count(assistant)).toBe(before);
    // The same owner keeps every right on the owner's own computer.
    expect(owner.call('programs.create', { name: 'Német' }).name).toBe('Német');
  });

  it('refuses a write by another user than the certified one, which the others would refuse, and keeps the database as it was', () => {
    const { assistant, owner, other, client } = school();
    const before = liveRows(assistant.db);
    const editing = assistant.fail('clients.update', { id: client.id, notes: 'by bea' }, other.actor);
    expect(editing.code).toBe('FORBIDDEN');
    expect(editing.message).toContain('registered for sync as anna');
    expect(editing.fields?.[0]?.code).toBe('sync_wrong_author');
    expect(assistant.fail('clients.update', { id: client.id, notes: 'by the owner' }, owner.actor).code).toBe('FORBIDDEN');
    expect(liveRows(assistant.db)).toEqual(before);
    // The certified user herself may.
    expect(assistant.call('clients.update', { id: client.id, notes: 'by anna' }).notes).toBe('by anna');
  });
});

describe('every replica checks the author of a change', () => {
  it('refuses a forged user id everywhere, keeps the rest of the file, and shows it in status', () => {
    const { assistant, owner, other, everyone, syncAll, client } = school();
    // A tampered assistant app stamps its change with the owner's user id.
    applyChanges({ db: assistant.db, clock: assistant.clock, actor: owner.actor }, [
      { op: 'update', table: 'clients', id: client.id, values: { notes: 'forged as the owner' } },
    ]);
    assistant.call('clients.create', { firstName: 'Genuine' });
    syncAll();
    for (const r of [owner, other]) {
      expect(r.call('clients.get', { id: client.id }).notes).not.toBe('forged as the owner');
      expect(r.call('clients.list', { query: 'Genuine' }).rows).toHaveLength(1);
      expect(syncStatus(r.db).rejections.map((x) => x.reason)).toEqual(['wrong_author']);
      expect(logDrift(r.db.sqlite)).toEqual([]);
    }
    expect(liveRows(owner.db)).toEqual(liveRows(other.db));
    expect(everyone).toHaveLength(3);
  });

  it('refuses an assistant device editing a program or creating a group everywhere', () => {
    const { assistant, owner, other, syncAll, program } = school();
    expect(assistant.fail('programs.update', { id: program.id, name: 'Hijacked' }).code).toBe('FORBIDDEN');
    const ctx = { db: assistant.db, clock: assistant.clock, actor: assistant.actor };
    applyChanges(ctx, [{ op: 'update', table: 'programs', id: program.id, values: { name: 'Hijacked' } }]);
    applyChanges(ctx, [{ op: 'insert', table: 'cohorts', values: { programId: program.id, name: 'Rogue group', status: 'planned' } }]);
    syncAll();
    for (const r of [owner, other]) {
      expect(r.call('programs.list', {}).find((p) => p.id === program.id)?.name).toBe('Angol A1');
      expect(r.db.sqlite.prepare("SELECT count(*) FROM cohorts WHERE name = 'Rogue group'").pluck().get()).toBe(0);
      expect(
        syncStatus(r.db)
          .rejections.map((x) => x.reason)
          .sort(),
      ).toEqual(['catalog_change', 'catalog_change']);
      expect(logDrift(r.db.sqlite)).toEqual([]);
    }
    expect(liveRows(owner.db)).toEqual(liveRows(other.db));
  });
});
