/**
 * Today without redoing what has not changed. Reading a school of 100,000 for the
 * Today screen costs about a second (reminder-money.ts: aggregates over every
 * payment and instalment, then building tens of thousands of items), and the app
 * asks for it on every open of the screen and for the sidebar badge after every
 * write. Two caches, both per connection, both checked against the change log:
 *
 *  - the money per client (instalments still owed by the horizon, money paid
 *    ahead) for one day and one set of settings. After writes, only the clients
 *    the new change-log entries touch are settled again, by the balance service
 *    itself; anything it cannot follow cheaply (an erase entry, a large import)
 *    rebuilds the whole.
 *  - the rows the lists are made of (the enrollments and clients that can reach a
 *    list: ~47,000 each in the demo school), re-read only where the change log
 *    says they changed (`followedRows`);
 *  - the lists themselves, for one day and one role, kept while the change log has
 *    no newer entry.
 *
 * Why the change log is the judge: every write of a synced table leaves an entry
 * there in the same transaction — the funnel, sync merges, undo, and purges (an
 * erase entry) — and `seq` is AUTOINCREMENT, so it only grows, also when another
 * process writes the same file. Settings, reminder states, tasks and users are
 * synced tables like the rest, so a change of the horizon, a snoozed reminder or
 * a role moves the mark too. A restore opens a new connection, which starts empty.
 */
import type { Sqlite } from '../db/connection';
import { cachedStatement } from '../db/statements';
import { changeMark } from '../changes/changelog';
import { ERASE_TABLE } from '../changes/erasure';
import type { ServiceContext } from '../core/context';
import type { ClientBalance } from '../../src-shared/api/types';
import { clientBalances, settleClientsSlim } from './balances';
import { todayMoney, type OwedInstalment, type TodayDay } from './reminder-money';

/** One client's part of the money lists. `ahead` is null for a client who never paid. */
export interface ClientMoney {
  owed: OwedInstalment[];
  ahead: number | null;
}

interface MoneyCache {
  key: string;
  mark: number;
  byClient: Map<string, ClientMoney>;
}

interface ListsCache<T> {
  key: string;
  mark: number;
  lists: T;
}

interface RowsCache<T> {
  key: string;
  mark: number;
  rows: Map<string, T>;
}

const moneyCaches = new WeakMap<Sqlite, MoneyCache>();
const rowsCaches = new WeakMap<Sqlite, Map<string, RowsCache<unknown>>>();
const listsCaches = new WeakMap<Sqlite, ListsCache<unknown>>();
const balanceCaches = new WeakMap<Sqlite, { asOf: string; mark: number; balances: Map<string, ClientBalance> }>();

/** More entries than this since the last look and the money is rebuilt rather than followed row by row. */
const followLimit = 20_000;

// The queries below read the entries after a mark by `seq` alone: `+table_name` keeps
// SQLite off the (table, row) index, which would visit every entry a table ever had
// (millions in a large school).

/**
 * The exact money of `clientIds` by the balance service: their instalments still
 * owed (all, or those due by `horizon`) and, for clients who ever paid, the money
 * they paid ahead (see LowBalanceItem).
 */
export function settledMoney(
  ctx: Pick<ServiceContext, 'db'>,
  clientIds: readonly string[],
  asOf: string,
  horizon: string | null,
): Map<string, ClientMoney> {
  const out = new Map<string, ClientMoney>();
  for (const [clientId, settlement] of settleClientsSlim(ctx, clientIds, asOf)) {
    let ahead = settlement.unallocatedMinor;
    const owed: OwedInstalment[] = [];
    for (const enrollment of settlement.enrollments.values()) {
      for (const i of enrollment.instalments) {
        if (i.outstandingMinor > 0 && (horizon === null || i.dueOn <= horizon))
          owed.push({
            id: i.id,
            enrollmentId: i.enrollmentId,
            clientId,
            dueOn: i.dueOn,
            amountMinor: i.amountMinor,
            outstandingMinor: i.outstandingMinor,
          });
        if (i.dueOn > asOf) ahead += i.paidMinor;
      }
    }
    if (owed.length > 0 || settlement.paidMinor > 0) out.set(clientId, { owed, ahead: settlement.paidMinor > 0 ? ahead : null });
  }
  return out;
}

function buildMoney(ctx: Pick<ServiceContext, 'db'>, day: TodayDay): Map<string, ClientMoney> {
  const simple = todayMoney(ctx, day);
  const byClient = new Map<string, ClientMoney>();
  const entry = (clientId: string): ClientMoney => {
    let money = byClient.get(clientId);
    if (!money) {
      money = { owed: [], ahead: null };
      byClient.set(clientId, money);
    }
    return money;
  };
  for (const owed of simple.owed) entry(owed.clientId).owed.push(owed);
  for (const [clientId, ahead] of simple.ahead) entry(clientId).ahead = ahead;
  for (const [clientId, money] of settledMoney(ctx, simple.settle, day.asOf, day.horizon)) byClient.set(clientId, money);
  return byClient;
}

/**
 * The clients whose money the entries after `mark` may have changed: the ledger
 * rows written (payments, instalments, enrollments, pinned allocations) lead to
 * their clients, before and after a move to another client or enrollment, and a
 * change of an enrollment also reaches payments of other clients tied to it, and
 * a package's change the client of the payment it was sold with (balances.ts).
 * Clients themselves count too (a deleted or restored client). Null when the
 * entries hold an erase entry: a purged row no longer says whose it was.
 */
const touchedClientsSql = `
  WITH ch AS MATERIALIZED (
    SELECT table_name AS t, row_id AS r, "column" AS c, value AS v, previous AS p FROM changes
    WHERE seq > @mark AND +table_name IN ('payments', 'instalments', 'enrollments', 'payment_allocations', 'clients', 'packages')),
  moved_enrollments AS (
    SELECT r AS id FROM ch WHERE t = 'enrollments'
    UNION SELECT json_extract(v, '$') FROM ch WHERE t IN ('instalments', 'payments') AND c = 'enrollment_id' AND v <> 'null'
    UNION SELECT json_extract(p, '$') FROM ch WHERE t IN ('instalments', 'payments') AND c = 'enrollment_id' AND p IS NOT NULL AND p <> 'null'
    UNION SELECT enrollment_id FROM instalments WHERE id IN (SELECT r FROM ch WHERE t = 'instalments'))
  SELECT r FROM ch WHERE t = 'clients'
  UNION SELECT json_extract(v, '$') FROM ch WHERE c = 'client_id' AND v <> 'null'
  UNION SELECT json_extract(p, '$') FROM ch WHERE c = 'client_id' AND p IS NOT NULL AND p <> 'null'
  UNION SELECT client_id FROM payments WHERE id IN (SELECT r FROM ch WHERE t = 'payments')
  UNION SELECT p.client_id FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
    WHERE a.id IN (SELECT r FROM ch WHERE t = 'payment_allocations')
  UNION SELECT client_id FROM enrollments WHERE id IN (SELECT id FROM moved_enrollments)
  UNION SELECT client_id FROM payments WHERE enrollment_id IN (SELECT id FROM moved_enrollments)
  UNION SELECT p.client_id FROM packages k JOIN payments p ON p.id = k.payment_id WHERE k.id IN (SELECT r FROM ch WHERE t = 'packages')
  UNION SELECT client_id FROM payments WHERE id IN (
    SELECT json_extract(p, '$') FROM ch WHERE t = 'packages' AND c = 'payment_id' AND p IS NOT NULL AND p <> 'null')`;

function touchedClients(sqlite: Sqlite, mark: number, now: number): string[] | null {
  if (now - mark > followLimit) return null;
  const erased = cachedStatement(sqlite, 'SELECT 1 FROM changes WHERE seq > ? AND +table_name = ? LIMIT 1', 'pluck').get(mark, ERASE_TABLE);
  if (erased !== undefined) return null;
  return (cachedStatement(sqlite, touchedClientsSql, 'pluck').all({ mark }) as (string | null)[]).filter(
    (id): id is string => typeof id === 'string',
  );
}

/**
 * The money lists' rows for `day`: the cached money, brought up to date with the
 * change log (the touched clients settled again), or built whole for a new day,
 * new settings, or when the entries since cannot be followed.
 */
export function cachedTodayMoney(
  ctx: Pick<ServiceContext, 'db'>,
  day: TodayDay,
): { instalments: OwedInstalment[]; prepaid: Map<string, number> } {
  const { sqlite } = ctx.db;
  const key = `${day.asOf}|${day.horizon}|${day.lowBalanceMinor ?? ''}`;
  const mark = changeMark(sqlite);
  let cache = moneyCaches.get(sqlite);
  if (cache?.key === key && cache.mark !== mark) {
    const touched = touchedClients(sqlite, cache.mark, mark);
    if (touched === null) cache = undefined;
    else {
      for (const clientId of touched) cache.byClient.delete(clientId);
      for (const [clientId, money] of settledMoney(ctx, touched, day.asOf, day.horizon)) cache.byClient.set(clientId, money);
      cache.mark = mark;
    }
  }
  if (cache?.key !== key) {
    cache = { key, mark, byClient: buildMoney(ctx, day) };
    moneyCaches.set(sqlite, cache);
  }
  const instalments: OwedInstalment[] = [];
  const prepaid = new Map<string, number>();
  for (const [clientId, money] of cache.byClient) {
    for (const owed of money.owed) instalments.push(owed);
    if (money.ahead !== null) prepaid.set(clientId, money.ahead);
  }
  return { instalments, prepaid };
}

/**
 * Every live client's balance as of `asOf` (what `clientBalances(ctx, 'all', asOf)`
 * answers), kept per connection and brought up to date like the money above: after
 * writes only the clients the new entries touch are settled again, so sorting or
 * filtering the client list by balance, or the Reports totals, cost a full
 * settlement of the school once per day and connection, not once per request.
 * Callers must not change what they get.
 */
export function cachedClientBalances(ctx: Pick<ServiceContext, 'db'>, asOf: string): Map<string, ClientBalance> {
  const { sqlite } = ctx.db;
  const mark = changeMark(sqlite);
  const cache = balanceCaches.get(sqlite);
  if (cache?.asOf === asOf && cache.mark === mark) return cache.balances;
  const touched = cache?.asOf === asOf ? touchedClients(sqlite, cache.mark, mark) : null;
  if (cache && touched !== null) {
    const live = cachedStatement(
      sqlite,
      'SELECT id FROM clients WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?))',
      'pluck',
    ).all(JSON.stringify(touched)) as string[];
    for (const clientId of touched) cache.balances.delete(clientId);
    for (const [clientId, balance] of clientBalances(ctx, live, asOf)) cache.balances.set(clientId, balance);
    cache.mark = mark;
    return cache.balances;
  }
  const balances = clientBalances(ctx, 'all', asOf);
  balanceCaches.set(sqlite, { asOf, mark, balances });
  return balances;
}

/**
 * The lists computed for `key` while the change log has no newer entry, else
 * `compute()` (whose result is kept). Callers must not change what they get.
 */
export function cachedLists<T>(ctx: Pick<ServiceContext, 'db'>, key: string, compute: () => T): T {
  const { sqlite } = ctx.db;
  const mark = changeMark(sqlite);
  const cache = listsCaches.get(sqlite);
  if (cache && cache.key === key && cache.mark === mark) return cache.lists as T;
  const lists = compute();
  listsCaches.set(sqlite, { key, mark, lists });
  return lists;
}

/** Whether an entry after `mark` is in one of `tables`, or an erase entry (a purged row no longer says what it was). */
function anyEntryIn(sqlite: Sqlite, mark: number, tables: readonly string[]): boolean {
  const found = cachedStatement(
    sqlite,
    'SELECT 1 FROM changes WHERE seq > ? AND +table_name IN (SELECT value FROM json_each(?)) LIMIT 1',
    'pluck',
  ).get(mark, JSON.stringify([...tables, ERASE_TABLE]));
  return found !== undefined;
}

/**
 * Rows of `table` kept per connection under `name` for `key`, brought up to date
 * with the change log: `read(null)` reads the whole set, `read(ids)` the rows of
 * those ids still to keep (a row it leaves out is dropped). An entry of a table in
 * `reloadOn` (whose change can add or remove many rows), an erase entry, or more
 * entries than can be followed, and the whole set is read again. The map is the
 * cache's own: a caller may add rows it read itself (a superset of the set is
 * what the caller must be able to work with), never change one.
 */
export function followedRows<T extends { id: string }>(
  ctx: Pick<ServiceContext, 'db'>,
  spec: { name: string; key: string; table: string; reloadOn: readonly string[]; read: (ids: readonly string[] | null) => T[] },
): Map<string, T> {
  const { sqlite } = ctx.db;
  const mark = changeMark(sqlite);
  let caches = rowsCaches.get(sqlite);
  if (!caches) {
    caches = new Map();
    rowsCaches.set(sqlite, caches);
  }
  const cache = caches.get(spec.name) as RowsCache<T> | undefined;
  if (cache?.key === spec.key && cache.mark === mark) return cache.rows;
  if (cache?.key === spec.key && mark - cache.mark <= followLimit && !anyEntryIn(sqlite, cache.mark, spec.reloadOn)) {
    const touched = cachedStatement(sqlite, 'SELECT DISTINCT row_id FROM changes WHERE seq > ? AND +table_name = ?', 'pluck').all(
      cache.mark,
      spec.table,
    ) as string[];
    for (const id of touched) cache.rows.delete(id);
    if (touched.length > 0) for (const row of spec.read(touched)) cache.rows.set(row.id, row);
    cache.mark = mark;
    return cache.rows;
  }
  const rows = new Map(spec.read(null).map((row) => [row.id, row]));
  caches.set(spec.name, { key: spec.key, mark, rows });
  return rows;
}
