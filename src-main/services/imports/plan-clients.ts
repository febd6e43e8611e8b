/**
 * Who each import row is: an existing client, a person an earlier row of the same
 * file already named, or someone new, and the guardian the row names for them.
 *
 * The identity rules are the ones a school office applies. A merge happens on its
 * own only when the same person is certain: the same external id (a register's
 * pupil number), the same normalised full name together with a shared e-mail or
 * phone, or a row identical to an earlier one. A shared e-mail or phone under
 * another name or birth date is a sibling or a parent — school sheets put the
 * father's mobile on every child's row — so it makes a new client (with a note),
 * never a merge. A name-only match makes a new client with a warning and is shown
 * as a possible duplicate for the person to decide (merge / new / skip). Merging
 * ten siblings into one client, or every "Sylvie" into one guardian, mixes
 * families' money; a duplicate left apart is one click to merge.
 *
 * A guardian named on several rows (siblings) is one guardian client when the name
 * and a contact agree, or the same full name with no contact that differs.
 *
 * Every merge is remembered with what it changed (the fields it filled, the
 * records its row added), so the report can name it and `imports.undoMerge` can
 * take it apart on its own. A merge only fills what the client lacks; a differing
 * value is kept in `extra`, never written over what the school already had.
 *
 * Every client the plan holds, old or new, is one `PlannedClient` object in one
 * book, so a row that reaches a client through the file or through the database
 * changes the same record and the plan writes each client once.
 */
import { hash } from 'node:crypto';
import type { DuplicatePolicy, ImportCounts, ImportIssue, ImportMatch, ImportMatchBy } from '../../../src-shared/api/imports-methods';
import { nameKey, type SplitName } from '../../../src-shared/import/values';
import { matchHeader } from '../../../src-shared/import/vocabulary';
import { newId, type Write } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';
import { guardianDisplay, type NormalRow } from './analyse';

interface ExistingClient {
  id: string;
  display_name: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  birth_date: string | null;
  guardian_id: string | null;
  notes: string | null;
  source_channel: string | null;
  extra: string;
}

export interface PlannedClient {
  id: string;
  /** The row as in the database, or null when this import creates the client. */
  existing: ExistingClient | null;
  firstRow: number;
  values: {
    firstName: string | null;
    lastName: string | null;
    displayName: string;
    email: string | null;
    phone: string | null;
    birthDate: string | null;
    guardianId: string | null;
    notes: string | null;
    sourceChannel: string | null;
  };
  extra: Record<string, string>;
  /** The register's id for the person, when a sheet gave one (kept in `extra` too). */
  externalId: string | null;
  isGuardian: boolean;
  touched: boolean;
}

/** A person's own values as one row gives them: the client that row would have made alone. */
export interface PersonValues {
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  notes: string | null;
  sourceChannel: string | null;
  extra: Record<string, string>;
}

/** What the row's course was, for a merged row whose enrollment was one an earlier row or the school already had. */
export interface MergedCourse {
  programId: string;
  cohortId: string | null;
  status: string;
  agreedPriceMinor: number;
  notifyBeforeDays: number | null;
}

/**
 * One merge the import made, with what it takes to undo it alone: who the row's
 * person (or guardian) was taken for and why, the fields and extra cells the row
 * filled on that client, and the records the row added to them.
 */
export interface MergeRecord {
  id: string;
  kind: 'client' | 'guardian';
  row: number;
  rowName: string;
  intoClientId: string;
  intoName: string;
  intoRow: number | null;
  by: ImportMatchBy;
  person: PersonValues;
  filled: Partial<Record<keyof PlannedClient['values'], string>>;
  extraKeys: Record<string, string>;
  /** `client`: the guardian the row named; `guardian`: the client (child) whose guardian was merged. */
  guardianId: string | null;
  childId: string | null;
  enrollmentIds: string[];
  paymentIds: string[];
  course: MergedCourse | null;
}

export interface Decision {
  action: 'merge' | 'create' | 'skip';
  clientId?: string | undefined;
}

/** What the preview shows besides the records: matches, warnings, counts. The book adds to the plan's. */
export interface Findings {
  matches: ImportMatch[];
  issues: ImportIssue[];
  counts: ImportCounts;
}

/** Whom a row names: the client, or the guardian it gives for them. */
interface Who {
  name: SplitName;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  externalId: string | null;
  /** The whole row's content, for a row identical to an earlier one (never for a guardian). */
  rowKey: string | null;
  isGuardian: boolean;
}

/** A client found for a row, and on what ground. */
interface Hit {
  client: PlannedClient;
  by: ImportMatchBy;
}

/** What an index knows about a row's person: the same person, a same-named candidate, or someone sharing a contact. */
interface Lookup {
  same: Hit | null;
  maybe: Hit | null;
  sharing: PlannedClient | null;
}

/** A warning about a row as a whole (no one column caused it). */
export function rowWarning(row: number, code: ImportIssue['code'], message: string): ImportIssue {
  return { row, column: null, header: null, code, severity: 'warning', message };
}

type Key = string;

/**
 * nameKey of the name last asked about: one row asks for the same name's key several
 * times (looked up in the file and the database, then indexed with each contact), and
 * the key costs a Unicode normalisation.
 */
const lastNameKey = { text: '', key: '' };
function nameKeyOf(text: string): string {
  if (text !== lastNameKey.text) {
    lastNameKey.key = nameKey(text);
    lastNameKey.text = text;
  }
  return lastNameKey.key;
}

const differs = (a: string | null, b: string | null) => a !== null && b !== null && a !== b;

/**
 * Clients by one key, in the order they were added. Nearly every key of a sheet
 * names one client, so one client is kept as itself and only a second makes a
 * list: a list per key is an object and its slots for each of a 100,000-row
 * sheet's e-mails, phones and names.
 */
type Entry = PlannedClient | PlannedClient[];

function push(map: Map<Key, Entry>, key: Key, client: PlannedClient): void {
  const entry = map.get(key);
  if (entry === undefined) map.set(key, client);
  else if (!Array.isArray(entry)) {
    if (entry !== client) map.set(key, [entry, client]);
  } else if (!entry.includes(client)) entry.push(client);
}

function clientsAt(map: ReadonlyMap<Key, Entry>, key: Key): readonly PlannedClient[] {
  const entry = map.get(key);
  if (entry === undefined) return [];
  return Array.isArray(entry) ? entry : [entry];
}

/** The clients of one source (the database or the file so far) by every key a person is recognised by. */
class ClientIndex {
  private readonly byEmail = new Map<Key, Entry>();
  private readonly byPhone = new Map<Key, Entry>();
  private readonly byName = new Map<Key, Entry>();
  readonly byExternal = new Map<Key, PlannedClient>();
  readonly byRow = new Map<Key, PlannedClient>();

  add(client: PlannedClient): void {
    const { email, phone, displayName } = client.values;
    if (email) push(this.byEmail, email, client);
    if (phone) push(this.byPhone, phone, client);
    if (client.externalId && !this.byExternal.has(client.externalId)) this.byExternal.set(client.externalId, client);
    const key = nameKeyOf(displayName);
    if (key !== '') push(this.byName, key, client);
  }

  addRow(rowKey: string | null, client: PlannedClient): void {
    if (rowKey !== null && !this.byRow.has(rowKey)) this.byRow.set(rowKey, client);
  }

  /**
   * The same person (by external id, an identical row, or the same name with a shared
   * e-mail or phone, and no birth date or external id that differs); else a
   * same-named candidate without such a difference; and the first client who shares
   * a contact but is someone else.
   */
  lookup(who: Who): Lookup {
    if (who.externalId) {
      const hit = this.byExternal.get(who.externalId);
      if (hit) return { same: { client: hit, by: 'externalId' }, maybe: null, sharing: null };
    }
    if (who.rowKey) {
      const hit = this.byRow.get(who.rowKey);
      if (hit) return { same: { client: hit, by: 'identical' }, maybe: null, sharing: null };
    }
    const name = nameKeyOf(who.name.displayName);
    let sharing: PlannedClient | null = null;
    for (const by of contactKinds) {
      const contact = who[by];
      if (!contact) continue;
      for (const c of clientsAt(by === 'email' ? this.byEmail : this.byPhone, contact)) {
        if (!conflicts(who, c) && name !== '' && nameKeyOf(c.values.displayName) === name)
          return { same: { client: c, by }, maybe: null, sharing: null };
        sharing ??= c;
      }
    }
    const candidate = name === '' ? undefined : clientsAt(this.byName, name).find((c) => !conflicts(who, c));
    // Most rows are someone new to the index: one shared answer instead of an object per row.
    if (candidate === undefined && sharing === null) return nobody;
    return { same: null, maybe: candidate ? { client: candidate, by: 'name' } : null, sharing };
  }
}

const contactKinds = ['email', 'phone'] as const;
const nobody: Lookup = Object.freeze({ same: null, maybe: null, sharing: null });

/** A birth date or external id that differs: not the same person, whatever else they share. */
function conflicts(who: Who, c: PlannedClient): boolean {
  return differs(who.externalId, c.externalId) || differs(who.birthDate, c.values.birthDate);
}

/** Extra keys that hold another system's id for the person ("OM azonosító", "Student ID"). */
const externalKeys = new Map<string, boolean>();
function externalIdIn(extra: Record<string, string>): string | null {
  for (const [key, value] of Object.entries(extra)) {
    let known = externalKeys.get(key);
    if (known === undefined) {
      known = matchHeader(key)?.field === 'externalId';
      externalKeys.set(key, known);
    }
    if (known && value.trim() !== '') return value.trim();
  }
  return null;
}

function existingIndex(ctx: ServiceContext): { index: ClientIndex; byId: Map<string, PlannedClient> } {
  const index = new ClientIndex();
  const byId = new Map<string, PlannedClient>();
  const rows = ctx.db.sqlite
    .prepare(
      'SELECT id, display_name, first_name, last_name, email, phone, birth_date, guardian_id, notes, source_channel, extra FROM clients WHERE deleted_at IS NULL ORDER BY created_at, rowid',
    )
    .all() as ExistingClient[];
  for (const row of rows) {
    const client: PlannedClient = {
      id: row.id,
      existing: row,
      firstRow: 0,
      values: {
        firstName: row.first_name,
        lastName: row.last_name,
        displayName: row.display_name,
        email: row.email,
        phone: row.phone,
        birthDate: row.birth_date,
        guardianId: row.guardian_id,
        notes: row.notes,
        sourceChannel: row.source_channel,
      },
      extra: parseExtra(row.extra),
      externalId: null,
      isGuardian: false,
      touched: false,
    };
    client.externalId = externalIdIn(client.extra);
    index.add(client);
    byId.set(row.id, client);
  }
  return { index, byId };
}

function parseExtra(text: string): Record<string, string> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    }
  } catch {
    // a damaged extra column is replaced by what the import brings, never crashes it
  }
  return {};
}

/** What the policy does with a row that matches a client of the database (a certain match or a same name). */
function actionOnDatabaseMatch(policy: DuplicatePolicy, certain: boolean): 'merge' | 'create' | 'skip' {
  if (policy === 'skip') return 'skip';
  if (policy === 'create') return 'create';
  return certain ? 'merge' : 'create';
}

/** Later rows' extra cells join the client's; a header already holding another value gets a numbered twin. */
function addExtra(client: PlannedClient, extra: Record<string, string>, merge: MergeRecord | null): void {
  for (const [header, value] of Object.entries(extra)) {
    let key = header;
    if (client.extra[header] === undefined) client.extra[header] = value;
    else if (client.extra[header] !== value) {
      let n = 2;
      while (client.extra[`${header} (${n})`] !== undefined && client.extra[`${header} (${n})`] !== value) n++;
      key = `${header} (${n})`;
      if (client.extra[key] === value) continue;
      client.extra[key] = value;
    } else continue;
    if (merge) merge.extraKeys[key] = value;
  }
}

/**
 * Everything a row says, for recognising a row typed twice: its SHA-256 as 32 one-byte
 * characters (the index holds one per row of a big sheet). The one-shot hash costs a
 * quarter of a Hash object's per row; the whole digest is kept, because a shorter cut
 * of it would be a view that keeps the whole alive anyway.
 */
function rowKeyOf(row: NormalRow): string {
  // The content as an array of its fields in a fixed order: the same rows give the same text, as
  // the object without its row number would, without copying a 24-field object per row first.
  const content: unknown[] = new Array(rowContent.length);
  for (let i = 0; i < rowContent.length; i++) content[i] = row[rowContent[i] as RowContentKey];
  return hash('sha256', JSON.stringify(content), 'binary');
}

/** Every field of a row but where it is (its number and block) and what was said about it (its issues). */
type RowContentKey = Exclude<keyof NormalRow, 'row' | 'issues' | 'block'>;
const rowContentFields: Record<RowContentKey, true> = {
  skip: true,
  name: true,
  email: true,
  phone: true,
  birthDate: true,
  notes: true,
  sourceChannel: true,
  guardianName: true,
  guardianPhone: true,
  guardianEmail: true,
  program: true,
  cohort: true,
  startOn: true,
  status: true,
  agreedPriceMinor: true,
  paidMinor: true,
  balanceMinor: true,
  paidOn: true,
  instalmentCount: true,
  notifyBeforeDays: true,
  externalId: true,
  lessonsLeft: true,
  packageName: true,
  extra: true,
};
const rowContent = Object.keys(rowContentFields) as RowContentKey[];

/**
 * Merges kept with what it takes to undo each alone. A sheet of one row per payment
 * merges on almost every row; past this many, a merge keeps only its report line
 * (undoing the whole batch still undoes it), so neither memory nor the batch row grows
 * with the sheet.
 */
export const mergeDetailCap = 5000;

function personOf(row: NormalRow, name: SplitName): PersonValues {
  return {
    displayName: name.displayName,
    firstName: name.firstName,
    lastName: name.lastName,
    email: row.email,
    phone: row.phone,
    birthDate: row.birthDate,
    notes: row.notes,
    sourceChannel: row.sourceChannel,
    extra: { ...row.extra },
  };
}

const multiWord = (name: string) => name.trim().split(/\s+/u).length >= 2 || /^\p{Script=Han}{2,}$/u.test(name.trim());

/** A guardian named the same on two rows is one person unless a contact differs (and the name is more than a first name). */
function sameGuardianByName(who: Who, candidate: PlannedClient): boolean {
  return multiWord(who.name.displayName) && !differs(who.email, candidate.values.email) && !differs(who.phone, candidate.values.phone);
}

/** Whom a row resolved to, and the merge it made if it was taken for someone already known. */
export interface Resolved {
  client: PlannedClient;
  merge: MergeRecord | null;
}

/** Every client the plan reads, creates or merges into, and how rows find them. */
export class ClientBook {
  /** Clients this import creates, in the order rows first named them. */
  readonly planned: PlannedClient[] = [];
  /** Clients of the database a row merged into. */
  readonly touchedExisting = new Set<PlannedClient>();
  /** Every merge the rows made, in row order. */
  readonly merges: MergeRecord[] = [];
  private readonly fileIndex = new ClientIndex();
  private readonly dbIndex: ClientIndex;
  private readonly dbClients: Map<string, PlannedClient>;

  /** `onFirstMerge` learns of each existing client the first time a row merges into it (before it counts as touched). */
  constructor(
    private readonly ctx: ServiceContext,
    private readonly policy: DuplicatePolicy,
    private readonly findings: Findings,
    private readonly onFirstMerge: (client: PlannedClient) => void,
  ) {
    const { index, byId } = existingIndex(ctx);
    this.dbIndex = index;
    this.dbClients = byId;
  }

  /** The client a row is about (and the merge, when it was taken for someone known), or null when the row is left out. */
  clientOf(row: NormalRow, name: SplitName, decision: Decision | undefined): Resolved | null {
    const who: Who = {
      name,
      email: row.email,
      phone: row.phone,
      birthDate: row.birthDate,
      externalId: row.externalId,
      rowKey: rowKeyOf(row),
      isGuardian: false,
    };
    const resolved = this.resolveClient(row, who, decision);
    if (resolved) this.fileIndex.addRow(who.rowKey, resolved.client);
    if (resolved?.merge) {
      if (this.merges.length < mergeDetailCap) resolved.merge.person = personOf(row, name);
      resolved.merge.rowName = name.displayName;
      this.merges.push(resolved.merge);
    }
    return resolved;
  }

  /** Fills what the client lacks from the row; differing values and unmapped cells go to `extra` (the merge remembers which). */
  takeRowValues(client: PlannedClient, row: NormalRow, name: SplitName, merge: MergeRecord | null): void {
    this.fill(client, 'firstName', name.firstName, 'First name', merge);
    this.fill(client, 'lastName', name.lastName, 'Last name', merge);
    this.fill(client, 'email', row.email, 'E-mail', merge);
    this.fill(client, 'phone', row.phone, 'Phone', merge);
    this.fill(client, 'birthDate', row.birthDate, 'Birth date', merge);
    this.fill(client, 'notes', row.notes, 'Notes', merge);
    this.fill(client, 'sourceChannel', row.sourceChannel, 'Source', merge);
    if (client.externalId === null && row.externalId !== null) client.externalId = row.externalId;
    addExtra(client, row.extra, merge);
  }

  /** The guardian the row names becomes the client's, unless the client has one or it would make a loop. */
  linkGuardian(client: PlannedClient, row: NormalRow, clientMerge: MergeRecord | null): void {
    const guardianName = guardianDisplay(row);
    if (!guardianName) return;
    const who: Who = {
      name: guardianName,
      email: row.guardianEmail,
      phone: row.guardianPhone,
      birthDate: null,
      externalId: null,
      rowKey: null,
      isGuardian: true,
    };
    const resolved = this.resolveGuardian(row, who);
    if (!resolved || resolved.client === client) return;
    const guardian = resolved.client;
    guardian.isGuardian = true;
    // The same row naming one guardian for each of its children is not a merge.
    const merge = resolved.merge && client.values.guardianId !== guardian.id && guardian.firstRow !== row.row ? resolved.merge : null;
    this.fill(guardian, 'email', row.guardianEmail, 'E-mail', merge);
    this.fill(guardian, 'phone', row.guardianPhone, 'Phone', merge);
    if (clientMerge) clientMerge.guardianId = guardian.id;
    if (client.values.guardianId === null && !this.isAncestor(client, guardian)) {
      client.values.guardianId = guardian.id;
      if (clientMerge) clientMerge.filled.guardianId = guardian.id;
    }
    if (merge && client.values.guardianId === guardian.id) {
      merge.childId = client.id;
      merge.person = {
        ...emptyPerson(),
        displayName: guardianName.displayName,
        firstName: guardianName.firstName,
        lastName: guardianName.lastName,
        email: row.guardianEmail,
        phone: row.guardianPhone,
      };
      this.merges.push(merge);
    }
  }

  /** The update of each existing client a row merged into, where anything differs from the database. */
  updates(): { writes: Write[]; ids: string[] } {
    const writes: Write[] = [];
    const ids: string[] = [];
    for (const client of this.touchedExisting) {
      const existing = client.existing as ExistingClient;
      const values: Record<string, unknown> = {};
      const v = client.values;
      if (v.firstName !== existing.first_name) values['firstName'] = v.firstName;
      if (v.lastName !== existing.last_name) values['lastName'] = v.lastName;
      if (v.email !== existing.email) values['email'] = v.email;
      if (v.phone !== existing.phone) values['phone'] = v.phone;
      if (v.birthDate !== existing.birth_date) values['birthDate'] = v.birthDate;
      if (v.guardianId !== existing.guardian_id) values['guardianId'] = v.guardianId;
      if (v.notes !== existing.notes) values['notes'] = v.notes;
      if (v.sourceChannel !== existing.source_channel) values['sourceChannel'] = v.sourceChannel;
      const extra = JSON.stringify(client.extra);
      if (extra !== JSON.stringify(parseExtra(existing.extra))) values['extra'] = extra;
      if (Object.keys(values).length > 0) writes.push({ op: 'update', table: 'clients', id: client.id, values });
      ids.push(client.id);
    }
    return { writes, ids };
  }

  /**
   * The row's decision first; then the same person earlier in the file, then in the
   * database (as the policy says); a same-named candidate is reported and a new
   * client made; else someone new, with a note when they share a contact.
   */
  private resolveClient(row: NormalRow, who: Who, decision: Decision | undefined): Resolved | null {
    const at = row.row;
    if (decision?.action === 'create') return { client: this.newClient(at, who), merge: null };
    const inFile = this.fileIndex.lookup(who);
    const inDb = this.dbIndex.lookup(who);
    if (decision?.action === 'merge') {
      const chosen = decision.clientId
        ? (this.dbClients.get(decision.clientId) ?? this.planned.find((c) => c.id === decision.clientId))
        : undefined;
      const hit = chosen ? { client: chosen, by: 'decision' as const } : (inFile.same ?? inDb.same ?? inFile.maybe ?? inDb.maybe);
      if (hit) return this.mergeInto(row, hit.client, hit.by === 'name' ? 'decision' : hit.by);
    }
    if (inFile.same) {
      const { client, by } = inFile.same;
      this.match(row, who, client, by, 'file', 'merge');
      if (!client.existing && client.firstRow !== at)
        this.findings.issues.push(
          rowWarning(at, 'duplicate_in_file', `Same person as row ${client.firstRow} (${sameBecause(by)}): merged`),
        );
      return this.mergeInto(row, client, by);
    }
    if (inDb.same) {
      const action = actionOnDatabaseMatch(this.policy, true);
      this.match(row, who, inDb.same.client, inDb.same.by, 'database', action);
      if (action === 'skip') return null;
      if (action === 'merge') return this.mergeInto(row, inDb.same.client, inDb.same.by);
      return { client: this.newClient(at, who), merge: null };
    }
    const maybe = inFile.maybe ? { ...inFile.maybe, in: 'file' as const } : inDb.maybe ? { ...inDb.maybe, in: 'database' as const } : null;
    if (maybe) {
      const action = maybe.in === 'database' ? actionOnDatabaseMatch(this.policy, false) : 'create';
      this.match(row, who, maybe.client, 'name', maybe.in, action);
      if (action === 'skip') return null;
      const named = maybe.client.values.displayName;
      const found =
        maybe.in === 'database' ? `A client called "${named}" already exists` : `Row ${maybe.client.firstRow} names "${named}" too`;
      this.findings.issues.push(
        rowWarning(
          at,
          'name_only_match',
          `${found} with no shared e-mail or phone: created a new client (merge by hand if it is the same person)`,
        ),
      );
      return { client: this.newClient(at, who), merge: null };
    }
    const client = this.newClient(at, who);
    const sharing = inFile.sharing ?? inDb.sharing;
    if (sharing) {
      const whose = sharing.existing
        ? `the client "${sharing.values.displayName}"`
        : `row ${sharing.firstRow} (${sharing.values.displayName})`;
      this.findings.issues.push(
        rowWarning(
          at,
          'shared_contact',
          `Shares an e-mail or phone with ${whose} under another name or birth date: a sibling or parent, created as a separate client`,
        ),
      );
    }
    return { client, merge: null };
  }

  /** The guardian a row names: the same person in the file or the database, the same full name in the file, else someone new. */
  private resolveGuardian(row: NormalRow, who: Who): Resolved | null {
    const inFile = this.fileIndex.lookup(who);
    const fileHit = inFile.same ?? (inFile.maybe && sameGuardianByName(who, inFile.maybe.client) ? inFile.maybe : null);
    if (fileHit) return { client: fileHit.client, merge: this.mergeRecord(row, who.name, fileHit.client, fileHit.by, 'guardian') };
    const inDb = this.dbIndex.lookup(who);
    if (inDb.same) {
      const action = actionOnDatabaseMatch(this.policy, true);
      if (action === 'skip') return null;
      if (action === 'merge') {
        const client = this.mergeExisting(inDb.same.client);
        return { client, merge: this.mergeRecord(row, who.name, client, inDb.same.by, 'guardian') };
      }
    } else if (inDb.maybe) {
      this.findings.issues.push(
        rowWarning(
          row.row,
          'name_only_match',
          `A client called "${inDb.maybe.client.values.displayName}" already exists with no shared e-mail or phone: created a new client (merge by hand if it is the same person)`,
        ),
      );
    }
    return { client: this.newClient(row.row, who), merge: null };
  }

  private match(
    row: NormalRow,
    who: Who,
    client: PlannedClient,
    by: ImportMatchBy,
    where: 'file' | 'database',
    action: ImportMatch['action'],
  ): void {
    this.findings.matches.push({
      row: row.row,
      rowName: who.name.displayName,
      clientId: client.id,
      clientName: client.values.displayName,
      by,
      in: where,
      action,
    });
  }

  private mergeInto(row: NormalRow, target: PlannedClient, by: ImportMatchBy): Resolved {
    const client = target.existing ? this.mergeExisting(target) : target;
    const merge = this.mergeRecord(row, { displayName: '', firstName: null, lastName: null }, client, by, 'client');
    return { client, merge };
  }

  /** A merge of the row's person (id "12", or "12.2" for the second child block) or of the guardian it names ("g12"). */
  private mergeRecord(row: NormalRow, name: SplitName, into: PlannedClient, by: ImportMatchBy, kind: MergeRecord['kind']): MergeRecord {
    const at = row.block === null ? String(row.row) : `${row.row}.${row.block}`;
    return {
      id: kind === 'guardian' ? `g${at}` : at,
      kind,
      row: row.row,
      rowName: name.displayName,
      intoClientId: into.id,
      intoName: into.values.displayName,
      intoRow: into.existing ? null : into.firstRow,
      by,
      person: { ...emptyPerson(), displayName: name.displayName },
      filled: {},
      extraKeys: {},
      guardianId: null,
      childId: null,
      enrollmentIds: [],
      paymentIds: [],
      course: null,
    };
  }

  private newClient(row: number, who: Who): PlannedClient {
    const { name, email, phone, isGuardian } = who;
    const client: PlannedClient = {
      id: newId(this.ctx),
      existing: null,
      firstRow: row,
      values: {
        firstName: name.firstName,
        lastName: name.lastName,
        displayName: name.displayName,
        email,
        phone,
        birthDate: null,
        guardianId: null,
        notes: null,
        sourceChannel: null,
      },
      extra: {},
      externalId: who.externalId,
      isGuardian,
      touched: true,
    };
    this.planned.push(client);
    this.fileIndex.add(client);
    if (isGuardian) this.findings.counts.guardians++;
    else this.findings.counts.clients++;
    return client;
  }

  private mergeExisting(client: PlannedClient): PlannedClient {
    if (client.existing && !client.touched) this.onFirstMerge(client);
    client.touched = true;
    this.touchedExisting.add(client);
    this.fileIndex.add(client);
    return client;
  }

  /** Fills what the client lacks; a differing value is kept in extra under the field's name. */
  private fill(
    client: PlannedClient,
    field: keyof PlannedClient['values'],
    value: string | null,
    label: string,
    merge: MergeRecord | null,
  ): void {
    if (value === null || value === '') return;
    const current = client.values[field];
    if (current === null || current === '') {
      client.values[field] = value;
      if (merge) merge.filled[field] = value;
      if (field === 'email' || field === 'phone' || field === 'displayName') this.fileIndex.add(client);
    } else if (current !== value && client.extra[label] === undefined) {
      client.extra[label] = value;
      if (merge) merge.extraKeys[label] = value;
    }
  }

  /** Whether `candidate` is `client` or one of its guardians' line (linking would make a loop). */
  private isAncestor(client: PlannedClient, candidate: PlannedClient): boolean {
    const seen = new Set<string>();
    let next: PlannedClient | undefined = candidate;
    while (next && !seen.has(next.id)) {
      if (next.id === client.id) return true;
      seen.add(next.id);
      const parentId: string | null = next.values.guardianId;
      next = parentId === null ? undefined : (this.dbClients.get(parentId) ?? this.planned.find((c) => c.id === parentId));
    }
    return false;
  }
}

function emptyPerson(): PersonValues {
  return {
    displayName: '',
    firstName: null,
    lastName: null,
    email: null,
    phone: null,
    birthDate: null,
    notes: null,
    sourceChannel: null,
    extra: {},
  };
}

/** Why two records are one person, in the report's words. */
export function sameBecause(by: ImportMatchBy): string {
  switch (by) {
    case 'externalId':
      return 'the same id';
    case 'email':
      return 'the same name and e-mail';
    case 'phone':
      return 'the same name and phone';
    case 'identical':
      return 'an identical row';
    case 'name':
      return 'the same name';
    case 'decision':
      return 'your decision';
  }
}

/** New clients in an order where every guardian is written before the children who point at it. */
export function orderGuardiansFirst(planned: readonly PlannedClient[]): readonly PlannedClient[] {
  // With no guardian among them the order is the rows' order: no index of every new client is built.
  if (planned.every((c) => c.values.guardianId === null)) return planned;
  const byId = new Map(planned.map((c) => [c.id, c]));
  const done = new Set<string>();
  const out: PlannedClient[] = [];
  const visit = (client: PlannedClient, depth: number) => {
    if (done.has(client.id) || depth > planned.length) return;
    const parent = client.values.guardianId ? byId.get(client.values.guardianId) : undefined;
    if (parent) visit(parent, depth + 1);
    if (!done.has(client.id)) {
      done.add(client.id);
      out.push(client);
    }
  };
  for (const client of planned) visit(client, 0);
  return out;
}
