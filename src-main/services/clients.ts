/**
 * Clients: the people a school teaches and the guardians who pay for them.
 *
 * Phones are stored in E.164 (read with the workspace country), so one number
 * typed as "06 30 123 4567" and "+36301234567" is one number for search, import
 * matching and dialling. Display names follow the workspace's naming order
 * (family name first in Hungarian, Chinese, Japanese, Korean) when nobody typed
 * one. A guardian is another client; cycles are refused, because a family total
 * that walks a loop would never end.
 *
 * The list is built to stay fast at 100,000 clients: the quick search goes through
 * the FTS5 index (deleted rows are not indexed, so a search that includes deleted
 * clients scans only the deleted ones by LIKE), sorting and paging happen in SQL
 * on indexed columns, and balances are computed for the rows of the page only —
 * except when the page is sorted by balance, which needs every balance first.
 * Totals are never counted by visiting every match in the clients table: a plain
 * list is the whole table less its few deleted and archived rows, and a search is
 * counted in the FTS5 index (`indexedPage`). The hot queries are prepared once per
 * connection (db/statements.ts).
 */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, like, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { DuplicateCandidate } from '../../src-shared/api/workspace-methods';
import type { Client, ClientBalance, ClientDetail, ClientListRow, Page, Payment, PaymentAllocation } from '../../src-shared/api/types';
import { roleCan } from '../../src-shared/capabilities';
import type { EnrollmentStatus } from '../../src-shared/domain';
import { AppError, invalid, notFound, type FieldError } from '../../src-shared/errors';
import { looksLikePhone, normalizePhone, phoneSearchPrefixes } from '../../src-shared/phone';
import { applyChanges, type Write } from '../changes/funnel';
import { clientNameOrder, ftsQuery } from '../db/search';
import { cachedStatement, preparedQuery } from '../db/statements';
import { clients, enrollments, paymentAllocations, payments } from '../db/schema';
import { activitiesOfClient, activityCountOf } from './activities';
import { clientBalances, today } from './balances';
import { cachedClientBalances } from './today-cache';
import type { ServiceContext } from '../core/context';
import { enrollmentDetails, toEnrollment } from './enrollments';
import { getSettings } from './settings';
import { familyNameFirst } from '../../src-shared/names';
import { refuseMoneyQuery, requireWriteRights, seesMoneyAcrossClients } from './rights';
import { getSchoolLists, requireClientFields } from './school-lists';

/** Timeline entries the client page opens with; the rest come from `activities.list` on request. */
const clientPageActivities = 30;

type ClientRow = typeof clients.$inferSelect;

/** Above this many ids a lookup asks for everything instead of binding one parameter per id. */
const ID_LIST_LIMIT = 2000;

function parseJson<T>(text: string, fallback: T, accept: (value: unknown) => boolean): T {
  try {
    const value: unknown = JSON.parse(text);
    return accept(value) ? (value as T) : fallback;
  } catch {
    return fallback;
  }
}

export function toClient(row: ClientRow): Client {
  return {
    ...row,
    tags: parseJson<string[]>(row.tags, [], Array.isArray),
    extra: parseJson<Record<string, string>>(row.extra, {}, (v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
  };
}

function findClientRow(ctx: Pick<ServiceContext, 'db'>, id: string, includeDeleted = false): ClientRow | undefined {
  const { orm } = ctx.db;
  const byId = sql.placeholder('id');
  // Every client page and most writes start here: prepared once per connection.
  const query = includeDeleted
    ? preparedQuery(orm, 'clients.byIdAny', () => orm.select().from(clients).where(eq(clients.id, byId)).prepare())
    : preparedQuery(orm, 'clients.byId', () =>
        orm
          .select()
          .from(clients)
          .where(and(eq(clients.id, byId), isNull(clients.deletedAt)))
          .prepare(),
      );
  return query.get({ id });
}

export function getClient(ctx: Pick<ServiceContext, 'db'>, id: string, path: (string | number)[] = ['id']): Client {
  const row = findClientRow(ctx, id);
  if (!row) throw notFound('Client', id, path);
  return toClient(row);
}

// ---- names, phones, guardians ---------------------------------------------------

/** "Kovács Anna" in a Hungarian workspace, "Anna Kovács" in an English one; null without names. */
export function defaultDisplayName(locale: string, firstName: string | null, lastName: string | null): string | null {
  const parts = familyNameFirst(locale) ? [lastName, firstName] : [firstName, lastName];
  const joined = parts.filter((p): p is string => !!p).join(' ');
  return joined === '' ? null : joined;
}

/** Empty text means "no value": stored as NULL so it is not searched, sorted or exported as a blank. */
function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

function phoneToStore(phone: string | null | undefined, country: string | null): string | null {
  if (blankToNull(phone) === null) return null;
  const result = normalizePhone(phone, country);
  if (!result.ok) {
    throw invalid(
      ['phone'],
      'invalid_phone',
      country ? `Not a phone number of ${country} or in +country form` : 'Write the phone number with its country code (+...)',
    );
  }
  return result.e164;
}

/** Refuses a guardian that does not exist, is the client, or is (indirectly) the client's own child. */
function checkGuardian(ctx: Pick<ServiceContext, 'db'>, clientId: string | null, guardianId: string): void {
  if (clientId !== null && guardianId === clientId) throw invalid(['guardianId'], 'guardian_self', 'A client cannot be their own guardian');
  if (!findClientRow(ctx, guardianId)) throw notFound('Client', guardianId, ['guardianId']);
  if (clientId === null) return;
  const seen = new Set<string>();
  let next: string | null = guardianId;
  while (next !== null && !seen.has(next)) {
    if (next === clientId) throw invalid(['guardianId'], 'guardian_cycle', 'This guardian is already in the care of this client');
    seen.add(next);
    const row: { guardianId: string | null } | undefined = ctx.db.orm
      .select({ guardianId: clients.guardianId })
      .from(clients)
      .where(eq(clients.id, next))
      .get();
    next = row?.guardianId ?? null;
  }
}

// ---- writes -----------------------------------------------------------------------

/** The client fields of the API contract: a new client, an edit and a pasted row all carry them. */
type ClientFields = Partial<MethodParsedInput<'clients.create'>>;

const nameRequired = () => invalid(['displayName'], 'required', 'Give a name: first name, last name or display name');

/**
 * The one mapping from client fields to stored columns, for every write path. Only
 * the fields given are mapped (undefined means "leave it as it is"); blank text is
 * NULL, the phone is E.164, a guardian is checked for existence and loops, tags and
 * extra are JSON text. The display name comes from the caller, because each path
 * has its own rule for one nobody typed.
 */
function clientColumns(
  ctx: ServiceContext,
  country: string | null,
  clientId: string | null,
  fields: ClientFields,
  displayName: string | null | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (fields.firstName !== undefined) values['firstName'] = blankToNull(fields.firstName);
  if (fields.lastName !== undefined) values['lastName'] = blankToNull(fields.lastName);
  if (displayName !== undefined) values['displayName'] = displayName;
  if (fields.phone !== undefined) values['phone'] = phoneToStore(fields.phone, country);
  if (fields.guardianId !== undefined) {
    if (fields.guardianId) checkGuardian(ctx, clientId, fields.guardianId);
    values['guardianId'] = fields.guardianId ?? null;
  }
  if (fields.email !== undefined) values['email'] = fields.email ?? null;
  if (fields.birthDate !== undefined) values['birthDate'] = fields.birthDate ?? null;
  if (fields.sourceChannel !== undefined) values['sourceChannel'] = blankToNull(fields.sourceChannel);
  if (fields.notes !== undefined) values['notes'] = blankToNull(fields.notes);
  if (fields.tags !== undefined) values['tags'] = JSON.stringify(fields.tags);
  if (fields.extra !== undefined) values['extra'] = JSON.stringify(fields.extra);
  if (fields.marketingConsent !== undefined) values['marketingConsent'] = fields.marketingConsent;
  if (fields.archived !== undefined) values['archived'] = fields.archived;
  return values;
}

/** What a new client holds in a field nobody gave. */
const newClientDefaults: Record<string, unknown> = {
  firstName: null,
  lastName: null,
  email: null,
  phone: null,
  birthDate: null,
  guardianId: null,
  sourceChannel: null,
  tags: '[]',
  notes: null,
  marketingConsent: false,
  extra: '{}',
  archived: false,
};

/** The stored values of a new client: a display name from the names when nobody typed one, the rest mapped. */
function newClientValues(ctx: ServiceContext, country: string | null, locale: string, input: ClientFields): Record<string, unknown> {
  const displayName =
    blankToNull(input.displayName) ?? defaultDisplayName(locale, blankToNull(input.firstName), blankToNull(input.lastName));
  if (displayName === null) throw nameRequired();
  return { ...newClientDefaults, ...clientColumns(ctx, country, null, input, displayName) };
}

export function createClient(ctx: ServiceContext, input: MethodParsedInput<'clients.create'>): Client {
  const settings = getSettings(ctx);
  const values = newClientValues(ctx, settings.country, settings.locale, input);
  requireClientFields(getSchoolLists(ctx).requiredClientFields, values);
  const { ids } = applyChanges(ctx, [{ op: 'insert', table: 'clients', values }]);
  return getClient(ctx, ids[0] as string);
}

/**
 * Many clients in one funnel call, so the whole batch is one change (one undo).
 * Every row is checked first; if any is refused, nothing is written and each
 * problem names its row (`rows.3.email`), which the paste preview shows in place.
 * A row with an id edits that client's given fields: its display name is taken as
 * given (never derived), and its `extra` is left as it is, as this path always has.
 */
export function bulkUpsertClients(
  ctx: ServiceContext,
  input: MethodParsedInput<'clients.bulkUpsert'>,
): { ids: string[]; created: number; updated: number } {
  const settings = getSettings(ctx);
  const required = getSchoolLists(ctx).requiredClientFields;
  const writes: Write[] = [];
  const problems: FieldError[] = [];
  input.rows.forEach((row, index) => {
    try {
      if (row.id === undefined) {
        const values = newClientValues(ctx, settings.country, settings.locale, row);
        requireClientFields(required, values);
        writes.push({ op: 'insert', table: 'clients', values });
        return;
      }
      const current = getClient(ctx, row.id);
      const { extra: _keptAsItIs, ...fields } = row;
      const displayName = row.displayName === undefined ? undefined : blankToNull(row.displayName);
      const values = clientColumns(ctx, settings.country, row.id, fields, displayName);
      if (displayName === null) throw nameRequired();
      requireClientFields(required, { ...current, ...values });
      writes.push({ op: 'update', table: 'clients', id: row.id, values });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const fields = error.fields ?? [{ path: [], code: error.code.toLowerCase(), message: error.message }];
      problems.push(...fields.map((f) => ({ ...f, path: ['rows', index, ...f.path] })));
    }
  });
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION',
      `${new Set(problems.map((p) => p.path[1])).size} of ${input.rows.length} rows are not valid`,
      problems,
    );
  // Pasted rows meet the rule typed ones do: nothing they hold may need more than the actor has.
  requireWriteRights(ctx, writes, (index) => ['rows', index]);
  const { ids } = applyChanges(ctx, writes);
  const created = writes.filter((w) => w.op === 'insert').length;
  return { ids, created, updated: writes.length - created };
}

/** A display name nobody chose follows the names; one somebody typed stays until they change it. */
function displayNameAfterEdit(locale: string, current: Client, input: ClientFields): string | null {
  const firstName = input.firstName === undefined ? current.firstName : blankToNull(input.firstName);
  const lastName = input.lastName === undefined ? current.lastName : blankToNull(input.lastName);
  if (input.displayName !== undefined) return blankToNull(input.displayName) ?? defaultDisplayName(locale, firstName, lastName);
  const wasDerived = current.displayName === defaultDisplayName(locale, current.firstName, current.lastName);
  return wasDerived ? (defaultDisplayName(locale, firstName, lastName) ?? current.displayName) : current.displayName;
}

export function updateClient(ctx: ServiceContext, input: MethodParsedInput<'clients.update'>): Client {
  const settings = getSettings(ctx);
  const current = getClient(ctx, input.id);
  const displayName = displayNameAfterEdit(settings.locale, current, input);
  if (displayName === null) throw nameRequired();
  const values = clientColumns(ctx, settings.country, current.id, input, displayName);
  requireClientFields(getSchoolLists(ctx).requiredClientFields, { ...current, ...values });
  applyChanges(ctx, [{ op: 'update', table: 'clients', id: current.id, values }]);
  return getClient(ctx, current.id);
}

export function deleteClient(ctx: ServiceContext, input: { id: string }): { id: string } {
  getClient(ctx, input.id);
  applyChanges(ctx, [{ op: 'delete', table: 'clients', id: input.id }]);
  return { id: input.id };
}

// ---- list ---------------------------------------------------------------------------

/** The FTS5 expression for a quick-search text: digit prefixes for a phone, word prefixes otherwise. */
export function clientSearchMatch(text: string, country: string | null): string | null {
  if (looksLikePhone(text)) {
    const prefixes = phoneSearchPrefixes(text, country);
    return prefixes.length === 0 ? null : prefixes.map((p) => `phone : "${p}"*`).join(' OR ');
  }
  return ftsQuery(text);
}

/** The FTS5 expression of the list's quick search, or null when there is nothing to search for. */
function searchMatchOf(input: MethodParsedInput<'clients.list'>, country: string | null): string | null {
  const text = input.query?.trim();
  return text ? clientSearchMatch(text, country) : null;
}

function searchCondition(input: MethodParsedInput<'clients.list'>, match: string | null): SQL | undefined {
  const text = input.query?.trim();
  if (!text || match === null) return undefined;
  const indexed = sql`${clients}.rowid IN (SELECT rowid FROM clients_fts WHERE clients_fts MATCH ${match})`;
  if (!input.includeDeleted) return indexed;
  const pattern = `%${text.replace(/[%_\\]/g, '')}%`;
  const digits = text.replace(/\D/g, '');
  const deletedMatches = or(
    like(clients.displayName, pattern),
    like(clients.email, pattern),
    ...(looksLikePhone(text) && digits ? [like(clients.phone, `%${digits}%`)] : []),
  );
  return or(indexed, and(isNotNull(clients.deletedAt), deletedMatches));
}

type SortField = MethodParsedInput<'clients.list'>['sort'][number]['field'];

const sortColumns: Record<Exclude<SortField, 'balanceMinor'>, SQLWrapper[]> = {
  displayName: [clients.displayName],
  lastName: [clients.lastName, clients.firstName],
  email: [clients.email],
  createdAt: [clients.createdAt],
  updatedAt: [clients.updatedAt],
};

function emptyClientBalance(clientId: string): ClientBalance {
  return { clientId, dueTotalMinor: 0, paidMinor: 0, balanceMinor: 0, overdueMinor: 0, unallocatedMinor: 0 };
}

function balancesFor(ctx: ServiceContext, ids: readonly string[], asOf: string): Map<string, ClientBalance> {
  if (ids.length === 0) return new Map();
  return ids.length > ID_LIST_LIMIT ? cachedClientBalances(ctx, asOf) : clientBalances(ctx, ids, asOf);
}

function enrollmentCounts(
  ctx: Pick<ServiceContext, 'db'>,
  ids: readonly string[],
): Map<string, { n: number; statuses: EnrollmentStatus[] }> {
  const counts = new Map<string, { n: number; statuses: EnrollmentStatus[] }>();
  if (ids.length === 0) return counts;
  const rows = cachedStatement(
    ctx.db.sqlite,
    `SELECT client_id AS clientId, count(*) AS n, group_concat(DISTINCT status) AS statuses FROM enrollments
     WHERE client_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL GROUP BY client_id`,
  ).all(JSON.stringify(ids)) as { clientId: string; n: number; statuses: string | null }[];
  for (const row of rows)
    counts.set(row.clientId, { n: row.n, statuses: (row.statuses ?? '').split(',').filter(Boolean) as EnrollmentStatus[] });
  return counts;
}

function clientRowsByIds(ctx: Pick<ServiceContext, 'db'>, ids: readonly string[]): ClientRow[] {
  const byId = new Map<string, ClientRow>();
  for (let i = 0; i < ids.length; i += ID_LIST_LIMIT) {
    for (const row of ctx.db.orm
      .select()
      .from(clients)
      .where(inArray(clients.id, ids.slice(i, i + ID_LIST_LIMIT)))
      .all())
      byId.set(row.id, row);
  }
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}

type SortKeys = Pick<ClientRow, 'id' | 'displayName' | 'lastName' | 'firstName' | 'email' | 'createdAt' | 'updatedAt'>;

function compareNullable(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

type SortValue = string | number | null;

/**
 * One page of `rows` in the order of their `values` (compared in turn, each
 * descending where `descending` says), without sorting them all: the rows are
 * grouped by their first value, the groups put in order, and only the groups the
 * page falls in are sorted. A page of 100,000 clients sorted by balance sorts the
 * few clients sharing its balances, not every client (most of a school owes nothing).
 */
function pageInOrder<T>(
  rows: readonly { row: T; values: SortValue[] }[],
  descending: readonly boolean[],
  offset: number,
  limit: number,
): T[] {
  const compare = (a: { values: SortValue[] }, b: { values: SortValue[] }): number => {
    for (let i = 0; i < a.values.length; i++) {
      const order = compareNullable(a.values[i] ?? null, b.values[i] ?? null);
      if (order !== 0) return descending[i] ? -order : order;
    }
    return 0;
  };
  const groups = new Map<SortValue, { row: T; values: SortValue[] }[]>();
  for (const row of rows) {
    const first = row.values[0] ?? null;
    const group = groups.get(first);
    if (group) group.push(row);
    else groups.set(first, [row]);
  }
  const firsts = [...groups.keys()].sort((a, b) => (descending[0] ? -compareNullable(a, b) : compareNullable(a, b)));
  const page: T[] = [];
  let at = 0;
  for (const first of firsts) {
    if (at >= offset + limit) break;
    const group = groups.get(first) as { row: T; values: SortValue[] }[];
    if (at + group.length > offset) {
      group.sort(compare);
      for (const row of group.slice(Math.max(0, offset - at), offset + limit - at)) page.push(row.row);
    }
    at += group.length;
  }
  return page;
}

/**
 * Sorting by balance: every matching client's balance is needed before the first
 * page can be cut, so this path reads the sort keys of all matches, asks for all
 * balances at once and sorts in memory, then loads the full rows of one page.
 */
function pageSortedByBalance(
  ctx: ServiceContext,
  where: SQL | undefined,
  input: MethodParsedInput<'clients.list'>,
  asOf: string,
): { ids: string[]; balances: Map<string, ClientBalance>; total: number } {
  // Only the columns the sort asks for are read: at 100,000 matches each one costs.
  const fields = new Set(input.sort.map((s) => s.field));
  const keys = ctx.db.orm
    .select({
      id: clients.id,
      displayName: clients.displayName,
      ...(fields.has('lastName') ? { lastName: clients.lastName, firstName: clients.firstName } : {}),
      ...(fields.has('email') ? { email: clients.email } : {}),
      ...(fields.has('createdAt') ? { createdAt: clients.createdAt } : {}),
      ...(fields.has('updatedAt') ? { updatedAt: clients.updatedAt } : {}),
    })
    .from(clients)
    .where(where)
    .all() as SortKeys[];
  const balances =
    keys.length === 0
      ? new Map<string, ClientBalance>()
      : keys.length > ID_LIST_LIMIT
        ? cachedClientBalances(ctx, asOf)
        : clientBalances(
            ctx,
            keys.map((k) => k.id),
            asOf,
          );
  if (hasBalanceFilter(input)) {
    const kept = keys.filter((k) => {
      const b = balances.get(k.id);
      const balance = b?.balanceMinor ?? 0;
      if (input.balanceMin !== undefined && balance < input.balanceMin) return false;
      if (input.balanceMax !== undefined && balance > input.balanceMax) return false;
      return !input.overdueOnly || (b?.overdueMinor ?? 0) > 0;
    });
    keys.splice(0, keys.length, ...kept);
  }
  const value = (row: SortKeys, field: SortField): (string | number | null)[] => {
    switch (field) {
      case 'balanceMinor':
        return [balances.get(row.id)?.balanceMinor ?? 0];
      case 'lastName':
        return [row.lastName ?? null, row.firstName ?? null];
      default:
        return [row[field] ?? null];
    }
  };
  // Each row's sort values are worked out once, not in every comparison.
  const descending = input.sort.flatMap(({ field, desc }) => (field === 'lastName' ? [desc, desc] : [desc]));
  const decorated = keys.map((row) => ({
    row,
    values: [...input.sort.flatMap(({ field }) => value(row, field)), row.displayName, row.id],
  }));
  const page = pageInOrder(decorated, descending, input.offset, input.limit).map((row) => row.id);
  return { ids: page, balances, total: keys.length };
}

function hasBalanceFilter(input: MethodParsedInput<'clients.list'>): boolean {
  return input.balanceMin !== undefined || input.balanceMax !== undefined || input.overdueOnly === true;
}

/** Filters that SQL answers: enrollment statuses, creation dates, a tag. */
function filterConditions(input: MethodParsedInput<'clients.list'>): SQL[] {
  const conditions: SQL[] = [];
  if (input.status && input.status.length > 0) {
    const statuses = sql.join(
      input.status.map((st) => sql`${st}`),
      sql`, `,
    );
    conditions.push(sql`${clients.id} IN (SELECT client_id FROM enrollments WHERE deleted_at IS NULL AND status IN (${statuses}))`);
  }
  if (input.createdFrom) conditions.push(sql`${clients.createdAt} >= ${input.createdFrom}`);
  if (input.createdTo) conditions.push(sql`substr(${clients.createdAt}, 1, 10) <= ${input.createdTo}`);
  if (input.tag) conditions.push(sql`EXISTS (SELECT 1 FROM json_each(${clients.tags}) WHERE json_each.value = ${input.tag})`);
  return conditions;
}

/** The ORDER BY of a list not sorted by balance: display name unless asked otherwise. */
function sortOrder(input: MethodParsedInput<'clients.list'>): SQL[] {
  return (input.sort.length > 0 ? input.sort : [{ field: 'displayName' as const, desc: false }]).flatMap(({ field, desc: descending }) =>
    sortColumns[field as Exclude<SortField, 'balanceMinor'>].map((column) => (descending ? desc(column) : asc(column))),
  );
}

/** One page in the order the list asks for, sorted and cut in SQL on the sort column's index. */
function sortedPage(ctx: Pick<ServiceContext, 'db'>, where: SQL | undefined, input: MethodParsedInput<'clients.list'>): ClientRow[] {
  const order = sortOrder(input);
  return (
    ctx.db.orm
      .select()
      .from(clients)
      .where(where)
      // The rowid ends every index, so ties are broken without giving up the index walk.
      .orderBy(...order, asc(sql`${clients}.rowid`))
      .limit(input.limit)
      .offset(input.offset)
      .all()
  );
}

/**
 * How many clients the whole table, the deleted and the archived ones are, without
 * visiting them: SQLite counts a whole table from its pages, and the deleted and
 * archived clients sit in their own small partial indexes (clients_deleted_idx,
 * clients_archived_idx). `archived` is NOT NULL, so "not 0" is exactly what
 * `archived = 0` leaves out. Counting the live ones row by row took 15-40 ms.
 */
function baseListCounts(ctx: Pick<ServiceContext, 'db'>): { all: number; deleted: number; archived: number } {
  const countOf = (query: string) => cachedStatement(ctx.db.sqlite, query, 'pluck').get() as number;
  return {
    all: countOf('SELECT count(*) FROM clients'),
    deleted: countOf('SELECT count(*) FROM clients WHERE deleted_at IS NOT NULL'),
    archived: countOf('SELECT count(*) FROM clients WHERE archived <> 0 AND deleted_at IS NULL'),
  };
}

/**
 * A page of the list without search or filters, in the order asked for. The page
 * is cut from the sort column's index as rowids (every index holds the rowid), and
 * only the page's rows are read from the clients table: reading whole rows just to
 * skip them cost 45-120 ms a page deep in a 100,000-client list, where a grid
 * scrolled to the end asks for its pages. The deleted and archived clients are
 * left out through their partial indexes, and only when there are any, so the
 * index walk never has to visit the table to check them.
 */
function basePage(
  ctx: Pick<ServiceContext, 'db'>,
  input: MethodParsedInput<'clients.list'>,
  counts: { deleted: number; archived: number },
): ClientRow[] {
  const rowid = sql<number>`${clients}.rowid`;
  const leftOut = [
    ...(counts.deleted > 0 ? [sql`${rowid} NOT IN (SELECT rowid FROM clients WHERE deleted_at IS NOT NULL)`] : []),
    ...(counts.archived > 0 && !input.includeArchived
      ? [sql`${rowid} NOT IN (SELECT rowid FROM clients WHERE archived <> 0 AND deleted_at IS NULL)`]
      : []),
  ];
  const rowids = ctx.db.orm
    .select({ rowid })
    .from(clients)
    .where(leftOut.length > 0 ? and(...leftOut) : undefined)
    .orderBy(...sortOrder(input), asc(rowid))
    .limit(input.limit)
    .offset(input.offset)
    .all();
  return clientRowsByRowids(
    ctx,
    rowids.map((r) => r.rowid),
  );
}

/**
 * The rowids of the clients a quick search finds, read from the FTS5 index alone.
 * The index holds live clients only (its triggers drop a deleted one), so the one
 * thing left to check is `archived`, against the few archived clients. Looking each
 * match up in the clients table instead cost about a microsecond per match: 17 ms
 * for a phone prefix that 15,000 clients share.
 */
function searchMatches(ctx: Pick<ServiceContext, 'db'>, match: string, includeArchived: boolean): number[] {
  const { sqlite } = ctx.db;
  const found = cachedStatement(sqlite, 'SELECT rowid FROM clients_fts WHERE clients_fts MATCH ?', 'pluck').all(match) as number[];
  if (includeArchived) return found;
  const archived = new Set(
    cachedStatement(sqlite, 'SELECT rowid FROM clients WHERE archived <> 0 AND deleted_at IS NULL', 'pluck').all() as number[],
  );
  return archived.size === 0 ? found : found.filter((rowid) => !archived.has(rowid));
}

/** Full rows of the given clients by rowid, in the order given. */
function clientRowsByRowids(ctx: Pick<ServiceContext, 'db'>, rowids: readonly number[]): ClientRow[] {
  if (rowids.length === 0) return [];
  const { orm } = ctx.db;
  const query = preparedQuery(orm, 'clients.byRowids', () =>
    orm
      .select({ client: clients, rowid: sql<number>`${clients}.rowid` })
      .from(clients)
      .where(sql`${clients}.rowid IN (SELECT value FROM json_each(${sql.placeholder('rowids')}))`)
      .prepare(),
  );
  const found = query.all({ rowids: JSON.stringify(rowids) });
  const byRowid = new Map(found.map((r) => [r.rowid, r.client]));
  return rowids.flatMap((rowid) => {
    const row = byRowid.get(rowid);
    return row ? [row] : [];
  });
}

/**
 * A page of search matches in the list's default order (display name, then rowid):
 * the matches are put in that order by their places in it (`clientNameOrder`, read
 * from the display-name index and cached), so no match's row is read except the
 * page's. It gives the rows `ORDER BY display_name, rowid LIMIT .. OFFSET ..` gives.
 */
function searchPageByName(ctx: Pick<ServiceContext, 'db'>, matches: readonly number[], offset: number, limit: number): ClientRow[] {
  const { order, rank } = clientNameOrder(ctx.db.sqlite);
  const places =
    matches.length * 16 < order.length ? sortedPlaces(rank, matches) : markedPlaces(rank, matches, order.length, offset + limit);
  return clientRowsByRowids(
    ctx,
    Array.from(places.subarray(offset, offset + limit), (place) => order[place] as number),
  );
}

/** The matches' places in name order, sorted: for a few matches, cheaper than walking every place. */
function sortedPlaces(rank: Int32Array, matches: readonly number[]): Int32Array {
  const places = new Int32Array(matches.length);
  let found = 0;
  for (const rowid of matches) {
    const place = rank[rowid] ?? -1;
    if (place >= 0) places[found++] = place;
  }
  return places.subarray(0, found).sort();
}

/**
 * The first `upTo` of them for many matches: each place is marked in a table of every
 * place, which is then read in order until `upTo` are found. Sorting 15,000 places (a
 * phone or e-mail prefix) cost about 0.9 ms, as much as a third of the search; marking
 * them and reading the first page costs 0.2 ms.
 */
function markedPlaces(rank: Int32Array, matches: readonly number[], places: number, upTo: number): Int32Array {
  const marked = new Uint8Array(places);
  let found = 0;
  for (const rowid of matches) {
    const place = rank[rowid] ?? -1;
    if (place >= 0 && marked[place] === 0) {
      marked[place] = 1;
      found++;
    }
  }
  const inOrder = new Int32Array(Math.min(found, upTo));
  let next = 0;
  for (let place = 0; next < inOrder.length; place++) if (marked[place] === 1) inOrder[next++] = place;
  return inOrder;
}

/**
 * The page and total of a list with no filter beyond search, archived and the sort,
 * answered from indexes instead of counting every match through the clients table.
 */
function indexedPage(
  ctx: Pick<ServiceContext, 'db'>,
  input: MethodParsedInput<'clients.list'>,
  match: string | null,
  where: SQL | undefined,
): { total: number; rows: ClientRow[] } {
  if (match === null) {
    const counts = baseListCounts(ctx);
    const total = counts.all - counts.deleted - (input.includeArchived ? 0 : counts.archived);
    return { total, rows: basePage(ctx, input, counts) };
  }
  const matches = searchMatches(ctx, match, input.includeArchived);
  const [first, ...more] = input.sort;
  const byName = first === undefined || (first.field === 'displayName' && !first.desc && more.length === 0);
  return {
    total: matches.length,
    rows: byName ? searchPageByName(ctx, matches, input.offset, input.limit) : sortedPage(ctx, where, input),
  };
}

export function listClients(ctx: ServiceContext, input: MethodParsedInput<'clients.list'>): Page<ClientListRow> {
  const settings = getSettings(ctx);
  // A list spans clients: balances per row are money across clients, for finance roles only.
  const seesMoney = seesMoneyAcrossClients(ctx);
  const byBalance = input.sort.some((s) => s.field === 'balanceMinor');
  refuseMoneyQuery(
    ctx,
    byBalance ? 'sort' : input.balanceMin !== undefined ? 'balanceMin' : input.balanceMax !== undefined ? 'balanceMax' : null,
  );
  // Sorting or filtering by balance (or "overdue only": who, not how much) needs every matching client's balance before a page can be cut.
  const sortsByBalance = byBalance || hasBalanceFilter(input);
  if (sortsByBalance && !roleCan(ctx.actor.role, 'payments.read')) {
    throw new AppError('FORBIDDEN', 'Your role may not see balances', [{ path: ['sort'], code: 'payments.read', message: 'forbidden' }]);
  }

  const conditions: SQL[] = [];
  if (!input.includeDeleted) conditions.push(isNull(clients.deletedAt));
  if (!input.includeArchived) conditions.push(eq(clients.archived, false));
  const match = searchMatchOf(input, settings.country);
  const search = searchCondition(input, match);
  if (search) conditions.push(search);
  const filters = filterConditions(input);
  conditions.push(...filters);
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const asOf = input.asOf ?? (sortsByBalance || seesMoney ? today(ctx) : '');

  let total: number;
  let rows: ClientRow[];
  let balances: Map<string, ClientBalance>;
  if (sortsByBalance) {
    const page = pageSortedByBalance(ctx, where, input, asOf);
    rows = clientRowsByIds(ctx, page.ids);
    balances = page.balances;
    total = page.total;
  } else {
    const indexed = input.includeDeleted || filters.length > 0 ? null : indexedPage(ctx, input, match, where);
    total = indexed?.total ?? ctx.db.orm.select({ n: count() }).from(clients).where(where).get()?.n ?? 0;
    rows = indexed?.rows ?? sortedPage(ctx, where, input);
    balances = seesMoney
      ? balancesFor(
          ctx,
          rows.map((r) => r.id),
          asOf,
        )
      : new Map();
  }

  const counts = enrollmentCounts(
    ctx,
    rows.map((r) => r.id),
  );
  return {
    total,
    rows: rows.map((row) => {
      const balance = balances.get(row.id);
      return {
        ...toClient(row),
        ...(seesMoney ? { balanceMinor: balance?.balanceMinor ?? 0, overdueMinor: balance?.overdueMinor ?? 0 } : {}),
        enrollmentCount: counts.get(row.id)?.n ?? 0,
        enrollmentStatuses: counts.get(row.id)?.statuses ?? [],
      };
    }),
  };
}

// ---- detail ------------------------------------------------------------------------

function sumBalances(clientId: string, parts: readonly ClientBalance[]): ClientBalance {
  const total = emptyClientBalance(clientId);
  for (const part of parts) {
    total.dueTotalMinor += part.dueTotalMinor;
    total.paidMinor += part.paidMinor;
    total.balanceMinor += part.balanceMinor;
    total.overdueMinor += part.overdueMinor;
    total.unallocatedMinor += part.unallocatedMinor;
  }
  return total;
}

/** The client page's own lists (children, enrollments, payments), prepared once per connection. */
function clientPageQueries(orm: ServiceContext['db']['orm']) {
  const clientId = sql.placeholder('clientId');
  return preparedQuery(orm, 'clients.page', () => ({
    children: orm
      .select()
      .from(clients)
      .where(and(eq(clients.guardianId, clientId), isNull(clients.deletedAt)))
      .orderBy(asc(clients.displayName), asc(clients.id))
      .prepare(),
    enrollmentRows: orm
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.clientId, clientId), isNull(enrollments.deletedAt)))
      .orderBy(desc(enrollments.createdAt), desc(enrollments.id))
      .prepare(),
    paymentRows: orm
      .select()
      .from(payments)
      .where(and(eq(payments.clientId, clientId), isNull(payments.deletedAt)))
      .orderBy(desc(payments.paidOn), desc(payments.createdAt), desc(payments.id))
      .prepare(),
  }));
}

export function getClientDetail(ctx: ServiceContext, input: MethodParsedInput<'clients.get'>): ClientDetail {
  const client = getClient(ctx, input.id);
  const seesMoney = roleCan(ctx.actor.role, 'payments.read');
  // One "today" for the whole page: the enrollments' balances and the client's are as of the same day.
  const asOf = input.asOf ?? (seesMoney ? today(ctx) : undefined);
  const guardianRow = client.guardianId ? findClientRow(ctx, client.guardianId) : undefined;
  const { children, enrollmentRows, paymentRows } = clientPageQueries(ctx.db.orm);
  const byClient = { clientId: client.id };
  const childList = children.all(byClient).map(toClient);
  const enrollmentList = enrollmentRows.all(byClient).map(toEnrollment);

  let paymentList: Payment[] = [];
  let allocations: PaymentAllocation[] = [];
  let balance = emptyClientBalance(client.id);
  let familyBalance: ClientBalance | null = null;
  if (seesMoney) {
    paymentList = paymentRows.all(byClient) as Payment[];
    if (paymentList.length > 0) {
      allocations = ctx.db.orm
        .select({
          paymentId: paymentAllocations.paymentId,
          instalmentId: paymentAllocations.instalmentId,
          amountMinor: paymentAllocations.amountMinor,
        })
        .from(paymentAllocations)
        .where(
          and(
            inArray(
              paymentAllocations.paymentId,
              paymentList.map((p) => p.id),
            ),
            isNull(paymentAllocations.deletedAt),
          ),
        )
        .all()
        .map((a) => ({ ...a, pinned: true }));
    }
    const family = [client.id, ...childList.map((c) => c.id)];
    const balances = clientBalances(ctx, family, asOf ?? today(ctx));
    balance = balances.get(client.id) ?? balance;
    // The family total sums several clients (and anyone may be made someone's child): finance roles only.
    if (seesMoneyAcrossClients(ctx))
      familyBalance = sumBalances(
        client.id,
        family.map((id) => balances.get(id) ?? emptyClientBalance(id)),
      );
  }

  return {
    ...client,
    guardian: guardianRow ? toClient(guardianRow) : null,
    children: childList,
    enrollments: enrollmentDetails(ctx, enrollmentList, asOf),
    payments: paymentList,
    allocations,
    activities: activitiesOfClient(ctx, client.id, clientPageActivities),
    activityCount: activityCountOf(ctx, client.id),
    balance,
    familyBalance,
  };
}

// ---- duplicates ---------------------------------------------------------------------

/**
 * Who might already be this person, asked while someone types a new client. A
 * phone is compared in E.164 and an e-mail exactly (ignoring case); a name by the
 * same prefix search as the quick search, from three letters on, so "Kovács A"
 * already shows "Kovács Anna". The database never refuses a duplicate (two
 * machines may each add Anna offline); this is a warning, and people decide.
 */
export function findDuplicates(ctx: ServiceContext, input: MethodParsedInput<'clients.findDuplicates'>): DuplicateCandidate[] {
  const settings = getSettings(ctx);
  const found = new Map<string, DuplicateCandidate>();
  const add = (rows: { id: string; displayName: string; email: string | null; phone: string | null }[], on: 'phone' | 'email' | 'name') => {
    for (const row of rows) {
      if (row.id === input.excludeId) continue;
      const known = found.get(row.id);
      if (known) known.matchedOn.push(on);
      else found.set(row.id, { ...row, matchedOn: [on] });
    }
  };
  const fields = { id: clients.id, displayName: clients.displayName, email: clients.email, phone: clients.phone };
  const phone = input.phone?.trim() ? normalizePhone(input.phone, settings.country) : null;
  if (phone?.ok) {
    add(
      ctx.db.orm
        .select(fields)
        .from(clients)
        .where(and(eq(clients.phone, phone.e164), isNull(clients.deletedAt)))
        .limit(10)
        .all(),
      'phone',
    );
  }
  const email = input.email?.trim().toLowerCase();
  if (email && email.includes('@')) {
    add(
      ctx.db.orm
        .select(fields)
        .from(clients)
        .where(and(sql`lower(${clients.email}) = ${email}`, isNull(clients.deletedAt)))
        .limit(10)
        .all(),
      'email',
    );
  }
  const name = input.name?.trim() ?? '';
  const match = name.replace(/\s/g, '').length >= 3 ? ftsQuery(name) : null;
  if (match) {
    const byName = sql`${clients}.rowid IN (SELECT rowid FROM clients_fts WHERE clients_fts MATCH ${`names : (${match})`})`;
    add(
      ctx.db.orm
        .select(fields)
        .from(clients)
        .where(and(byName, isNull(clients.deletedAt)))
        .orderBy(asc(clients.displayName))
        .limit(8)
        .all(),
      'name',
    );
  }
  const strength = (c: DuplicateCandidate) =>
    (c.matchedOn.includes('phone') ? 4 : 0) + (c.matchedOn.includes('email') ? 2 : 0) + (c.matchedOn.includes('name') ? 1 : 0);
  return [...found.values()].sort((a, b) => strength(b) - strength(a) || a.displayName.localeCompare(b.displayName)).slice(0, 10);
}
