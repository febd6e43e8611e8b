/**
 * The router on a real database: capability checks before validation, zod
 * errors with field paths, typed service errors, one transaction per call, and
 * the `changed` tables read from the change log.
 */
import { describe, expect, it } from 'vitest';
import { roleCan } from '../../src-shared/capabilities';
import { contract, methodNames } from '../../src-shared/api/contract';
import { roles } from '../../src-shared/domain';
import { createRouter, type Handlers } from '../../src-main/api/router';
import { handlers } from '../../src-main/api/handlers';
import { applyChanges } from '../../src-main/changes/funnel';
import type { Actor } from '../../src-main/core/context';
import { openTestWorkspace } from './helpers';

const changesCount = (ws: ReturnType<typeof openTestWorkspace>) =>
  (ws.db.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;

describe('router', () => {
  it('answers a typed value and the tables it changed', () => {
    const ws = openTestWorkspace();
    const result = ws.raw('programs.create', { name: 'Rajz szakkör', kind: 'workshop', defaultPriceMinor: 1_500_000 });
    expect(result.ok).toBe(true);
    expect(result.ok && result.changed).toEqual(['programs']);
    const list = ws.raw('programs.list', {});
    expect(list).toMatchObject({
      ok: true,
      value: [{ name: 'Rajz szakkör', kind: 'workshop', defaultPriceMinor: 1_500_000, archived: false }],
    });
    expect(list.ok && list.changed).toBeUndefined();
  });

  it('answers VALIDATION with the path of every bad field and writes nothing', () => {
    const ws = openTestWorkspace();
    const before = changesCount(ws);
    const error = ws.fail('programs.create', { name: '', defaultPriceMinor: -5, color: 'red' });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.map((f) => f.path.join('.')).sort()).toEqual(['color', 'defaultPriceMinor', 'name']);
    expect(changesCount(ws)).toBe(before);
  });

  it("keeps the owner's safety settings and refuses a negative idle time at its field", () => {
    const ws = openTestWorkspace();
    expect(ws.call('settings.update', { idleLockMinutes: 5, assistantCanEditPrices: false })).toMatchObject({
      idleLockMinutes: 5,
      assistantCanEditPrices: false,
    });
    expect(ws.fail('settings.update', { idleLockMinutes: -1 })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: ['idleLockMinutes'] }],
    });
    expect(ws.call('settings.get', {})).toMatchObject({ idleLockMinutes: 5, assistantCanEditPrices: false });
  });

  it('answers NOT_FOUND for an unknown method or record', () => {
    const ws = openTestWorkspace();
    expect(ws.fail('programs.explode' as never).code).toBe('NOT_FOUND');
    const missing = ws.fail('cohorts.get', { id: '01900000-0000-7000-8000-000000000000' });
    expect(missing).toMatchObject({ code: 'NOT_FOUND', fields: [{ path: ['id'] }] });
  });

  it('rolls back everything a failing handler wrote', () => {
    const ws = openTestWorkspace();
    const failing = createRouter({
      ...handlers,
      'rooms.create': (ctx, input) => {
        applyChanges(ctx, [{ op: 'insert', table: 'rooms', values: { name: input.name } }]);
        throw new Error('disk on fire');
      },
    } satisfies Handlers);
    const before = changesCount(ws);
    const result = failing.call(ws.ctx, 'rooms.create', { name: 'Kisterem' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'disk on fire' } });
    expect(changesCount(ws)).toBe(before);
    expect(ws.call('rooms.list', {})).toEqual([]);
  });

  it('refuses a method declared as a read that writes, and rolls its write back', () => {
    const ws = openTestWorkspace();
    const sneaky = createRouter({
      ...handlers,
      'rooms.list': (ctx) => {
        applyChanges(ctx, [{ op: 'insert', table: 'rooms', values: { name: 'Titkos terem' } }]);
        return [];
      },
    } satisfies Handlers);
    const before = changesCount(ws);
    expect(sneaky.call(ws.ctx, 'rooms.list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: /read-only/ } });
    expect(changesCount(ws)).toBe(before);
    expect(ws.call('rooms.list', {})).toEqual([]);
  });

  it('checks the capability before looking at the input', () => {
    const ws = openTestWorkspace();
    const assistant: Actor = { userId: null, username: 'assistant', role: 'assistant' };
    expect(ws.fail('programs.delete', { id: 'whatever' }, assistant).code).toBe('FORBIDDEN');
    expect(ws.fail('reports.revenue', {}, assistant).code).toBe('FORBIDDEN');
    expect(ws.fail('programs.delete', { id: '' }).code).toBe('VALIDATION');
  });

  describe.each(roles)('as %s, every method in the contract', (role) => {
    it('is refused exactly where the capability table says', () => {
      const ws = openTestWorkspace();
      const actor: Actor = { userId: ws.owner.userId, username: role, role };
      const mismatches: string[] = [];
      for (const method of methodNames) {
        const result = ws.raw(method, {}, actor);
        // The capability refusal is about the whole call (an empty field path); a refusal that
        // depends on the input (payments of every client, asked without finance.read) names a field.
        const forbidden = !result.ok && result.error.code === 'FORBIDDEN' && (result.error.fields ?? []).some((f) => f.path.length === 0);
        const allowed = roleCan(role, contract[method].capability);
        if (forbidden === allowed) mismatches.push(`${method} (${contract[method].capability}): ${forbidden ? 'refused' : 'allowed'}`);
      }
      expect(mismatches).toEqual([]);
    });
  });
});
