/**
 * Who each import row is: an existing client, a person an earlier row of the same
 * file already named, or someone new, and the guardian the row names for them.
 *
 * Matching follows one documented order: e-mail, then phone, then the normalised
 * name. Against the database the default policy merges on e-mail or phone and
 * creates a new client on a name-only match (with a warning), because two
 * children called "Kiss Anna" are common and merging them would mix two
 * families' money. Within one file, rows with the same name and no conflicting
 * contact are one person (one row per person per course is how sheets are kept).
 * A merge only fills what the existing client lacks; a differing value is kept in
 * `extra`, never written over what the school already had.
 *
 * Every client the plan holds, old or new, is one `PlannedClient` object in one
 * book, so a row that reaches a client through the file or through the database
 * changes the same record and the plan writes each client once.
 */
import type { DuplicatePolicy, ImportCounts, ImportIssue, ImportMatch } from '../../../src-shared/api/imports-methods';
import { nameKey, type SplitName } from '../../../src-shared/import/values';
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
  isGuardian: boolean;
  touched: boolean;
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
  isGuardian: boolean;
}

/** A warning about a row as a whole (no one column caused it). */
export function rowWarning(row: number, code: ImportIssue['code'], message: string): ImportIssue {
  return { row, column: null, header: null, code, severity: 'warning', message };
}

type Key = string;

class ClientIndex {
  readonly byEmail = new Map<Key, PlannedClient>();
  readonly byPhone = new Map<Key, PlannedClient>();
  readonly byName = new Map<Key, PlannedClient[]>();

  add(client: PlannedClient): void {
    const { email, phone, displayName } = client.values;
    if (email && !this.byEmail.has(email)) this.byEmail.set(email, client);
    if (phone && !this.byPhone.has(phone)) this.byPhone.set(phone, client);
    const key = nameKey(displayName);
    if (key !== '') {
      const list = this.byName.get(key) ?? [];
      if (!list.includes(client)) list.push(client);
      this.byName.set(key, list);
    }
  }

  find(
    name: SplitName | null,
    email: string | null,
    phone: string | null,
  ): { client: PlannedClient; by: 'email' | 'phone' | 'name' } | null {
    if (email) {
      const hit = this.byEmail.get(email);
      if (hit) return { client: hit, by: 'email' };
    }
    if (phone) {
      const hit = this.byPhone.get(phone);
      if (hit) return { client: hit, by: 'phone' };
    }
    if (name) {
      const list = this.byName.get(nameKey(name.displayName)) ?? [];
      const hit = list.find(
        (c) => (!email || !c.values.email || c.values.email === email) && (!phone || !c.values.phone || c.values.phone === phone),
      );
      if (hit) return { client: hit, by: 'name' };
    }
    return null;
  }
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
      isGuardian: false,
      touched: false,
    };
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

/** What to do with a row that matches a client of the database: the row's decision, else the policy. */
function actionOnDatabaseMatch(
  policy: DuplicatePolicy,
  by: 'email' | 'phone' | 'name',
  decision: Decision | undefined,
): 'merge' | 'create' | 'skip' {
  if (decision?.action === 'merge') return 'merge';
  if (policy === 'skip') return 'skip';
  if (policy === 'create') return 'create';
  return by !== 'name' ? 'merge' : 'create';
}

/** Later rows' extra cells join the client's; a header already holding another value gets a numbered twin. */
function addExtra(client: PlannedClient, extra: Record<string, string>): void {
  for (const [header, value] of Object.entries(extra)) {
    if (client.extra[header] === undefined) client.extra[header] = value;
    else if (client.extra[header] !== value) {
      let n = 2;
      while (client.extra[`${header} (${n})`] !== undefined && client.extra[`${header} (${n})`] !== value) n++;
      client.extra[`${header} (${n})`] = value;
    }
  }
}

/** Every client the plan reads, creates or merges into, and how rows find them. */
export class ClientBook {
  /** Clients this import creates, in the order rows first named them. */
  readonly planned: PlannedClient[] = [];
  /** Clients of the database a row merged into. */
  readonly touchedExisting = new Set<PlannedClient>();
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

  /** The client a row is about, or null when the row is to be left out (a match the policy skips). */
  clientOf(row: NormalRow, name: SplitName, decision: Decision | undefined): PlannedClient | null {
    return this.resolve(row.row, { name, email: row.email, phone: row.phone, isGuardian: false }, decision);
  }

  /** Fills what the client lacks from the row; differing values and unmapped cells go to `extra`. */
  takeRowValues(client: PlannedClient, row: NormalRow, name: SplitName): void {
    this.fill(client, 'firstName', name.firstName, 'First name');
    this.fill(client, 'lastName', name.lastName, 'Last name');
    this.fill(client, 'email', row.email, 'E-mail');
    this.fill(client, 'phone', row.phone, 'Phone');
    this.fill(client, 'birthDate', row.birthDate, 'Birth date');
    this.fill(client, 'notes', row.notes, 'Notes');
    this.fill(client, 'sourceChannel', row.sourceChannel, 'Source');
    addExtra(client, row.extra);
  }

  /** The guardian the row names becomes the client's, unless the client has one or it would make a loop. */
  linkGuardian(client: PlannedClient, row: NormalRow): void {
    const guardianName = guardianDisplay(row);
    if (!guardianName) return;
    const who: Who = { name: guardianName, email: row.guardianEmail, phone: row.guardianPhone, isGuardian: true };
    const guardian = this.resolve(row.row, who, undefined);
    if (!guardian || guardian === client) return;
    guardian.isGuardian = true;
    this.fill(guardian, 'email', row.guardianEmail, 'E-mail');
    this.fill(guardian, 'phone', row.guardianPhone, 'Phone');
    if (client.values.guardianId === null && !this.isAncestor(client, guardian)) client.values.guardianId = guardian.id;
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

  /** The decision's choice first, then a person earlier in the file, then the database (per policy), else someone new. */
  private resolve(row: number, who: Who, decision: Decision | undefined): PlannedClient | null {
    if (decision?.action === 'create') return this.newClient(row, who);
    if (decision?.action === 'merge' && decision.clientId) {
      const target = this.dbClients.get(decision.clientId) ?? this.planned.find((c) => c.id === decision.clientId);
      if (target) return target.existing ? this.mergeExisting(target) : target;
    }
    const inFile = this.fileIndex.find(who.name, who.email, who.phone);
    if (inFile) return this.sameAsEarlierRow(row, who, inFile);
    const inDb = this.dbIndex.find(who.name, who.email, who.phone);
    if (inDb) {
      const action = actionOnDatabaseMatch(this.policy, inDb.by, decision);
      if (!who.isGuardian) {
        const { client, by } = inDb;
        this.findings.matches.push({ row, clientId: client.id, clientName: client.values.displayName, by, in: 'database', action });
      }
      if (action === 'skip') return null;
      if (action === 'merge') return this.mergeExisting(inDb.client);
      if (inDb.by === 'name') {
        this.findings.issues.push(
          rowWarning(
            row,
            'name_only_match',
            `A client called "${inDb.client.values.displayName}" already exists with no shared e-mail or phone: created a new client (merge by hand if it is the same person)`,
          ),
        );
      }
    }
    return this.newClient(row, who);
  }

  /** A client an earlier row (or an earlier merge) brought into the file: the same person, reported as a match. */
  private sameAsEarlierRow(row: number, who: Who, inFile: { client: PlannedClient; by: 'email' | 'phone' | 'name' }): PlannedClient {
    const { client, by } = inFile;
    if (who.isGuardian) return client;
    this.findings.matches.push({ row, clientId: client.id, clientName: client.values.displayName, by, in: 'file', action: 'merge' });
    if (!client.existing && client.firstRow !== row)
      this.findings.issues.push(rowWarning(row, 'duplicate_in_file', `Same person as row ${client.firstRow} (by ${by}): merged`));
    return client;
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
  private fill(client: PlannedClient, field: keyof PlannedClient['values'], value: string | null, label: string): void {
    if (value === null || value === '') return;
    const current = client.values[field];
    if (current === null || current === '') {
      client.values[field] = value;
      if (field === 'email' || field === 'phone') this.fileIndex.add(client);
    } else if (current !== value && client.extra[label] === undefined) {
      client.extra[label] = value;
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

/** New clients in an order where every guardian is written before the children who point at it. */
export function orderGuardiansFirst(planned: readonly PlannedClient[]): PlannedClient[] {
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
