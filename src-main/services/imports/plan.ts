/**
 * From normalised rows to the records they become: clients (deduplicated within
 * the file and against the database), guardians linked to their children,
 * programs and cohorts found or created, enrollments with status and price, a
 * payment for what was paid so far, and an instalment plan when the sheet gives a
 * count. The result is a list of funnel writes plus the counts and matches the
 * preview shows — the preview and the commit run this same code, so what the
 * user approved is what is written.
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
 * The writes are not held as a list: the plan keeps one compact record per
 * enrollment or payment and `writes()` turns them into funnel writes as they are
 * consumed, so a dry run never builds them and a commit holds one chunk at a time.
 */
import type { EnrollmentStatus } from '../../../src-shared/domain';
import type { DuplicatePolicy, ImportCounts, ImportIssue, ImportMatch } from '../../../src-shared/api/imports-methods';
import { splitEvenly } from '../../../src-shared/money';
import { monthlyDates } from '../../../src-shared/dates';
import { nameKey, type SplitName } from '../../../src-shared/import/values';
import { fold } from '../../../src-shared/import/vocabulary';
import { newId, type Write } from '../../db/funnel';
import type { ServiceContext } from '../context';
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

interface PlannedClient {
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

export interface PlanInput {
  /** Read once, in order: rows may be normalised as they are reached. */
  rows: Iterable<NormalRow>;
  batchId: string;
  policy: DuplicatePolicy;
  decisions: ReadonlyMap<number, Decision>;
  today: string;
  fileName: string;
}

/** What one sheet row adds besides its client: a new enrollment (with its history and instalments) and/or a payment. */
interface PlannedRecord {
  row: number;
  enrollmentId: string;
  enrollment: {
    clientId: string;
    programId: string;
    cohortId: string | null;
    status: EnrollmentStatus;
    agreedPriceMinor: number;
    notifyBeforeDays: number | null;
    instalments: { parts: number[]; dates: string[] } | null;
  } | null;
  payment: { clientId: string; paidOn: string; amountMinor: number } | null;
}

export interface Plan {
  /** The funnel writes, in order, built as they are read (one pass at a time, any number of passes). */
  writes: () => Iterable<Write>;
  counts: ImportCounts;
  created: number;
  updated: number;
  skipped: number;
  matches: ImportMatch[];
  issues: ImportIssue[];
  /** Row -> what happens to it. */
  actions: Map<number, 'create' | 'merge' | 'skip'>;
  createdClientIds: string[];
  updatedClientIds: string[];
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

interface ProgramRef {
  id: string;
  created: boolean;
}

interface CohortRef {
  id: string;
  priceMinor: number | null;
}

export function buildPlan(ctx: ServiceContext, input: PlanInput): Plan {
  const { rows, batchId, policy, decisions } = input;
  const { index: dbIndex, byId: dbClients } = existingIndex(ctx);
  const fileIndex = new ClientIndex();
  const planned: PlannedClient[] = [];
  const touchedExisting = new Set<PlannedClient>();
  const matches: ImportMatch[] = [];
  const issues: ImportIssue[] = [];
  const actions = new Map<number, 'create' | 'merge' | 'skip'>();
  const counts: ImportCounts = { clients: 0, guardians: 0, programs: 0, cohorts: 0, enrollments: 0, payments: 0, instalments: 0 };
  const programWrites: Write[] = [];
  const cohortWrites: Write[] = [];
  const records: PlannedRecord[] = [];
  const changedAt = ctx.clock.now().toISOString();
  let skipped = 0;

  const programs = new Map<string, ProgramRef & { defaultPriceMinor: number | null }>();
  for (const p of ctx.db.sqlite
    .prepare('SELECT id, name, default_price_minor FROM programs WHERE deleted_at IS NULL ORDER BY created_at')
    .all() as {
    id: string;
    name: string;
    default_price_minor: number | null;
  }[]) {
    if (!programs.has(fold(p.name))) programs.set(fold(p.name), { id: p.id, created: false, defaultPriceMinor: p.default_price_minor });
  }
  const cohorts = new Map<string, CohortRef>();
  for (const c of ctx.db.sqlite
    .prepare('SELECT id, program_id, name, start_on, price_minor FROM cohorts WHERE deleted_at IS NULL ORDER BY created_at')
    .all() as {
    id: string;
    program_id: string;
    name: string;
    start_on: string | null;
    price_minor: number | null;
  }[]) {
    const byName = `${c.program_id}|n|${fold(c.name)}`;
    if (!cohorts.has(byName)) cohorts.set(byName, { id: c.id, priceMinor: c.price_minor });
    if (c.start_on) {
      const byStart = `${c.program_id}|d|${c.start_on}`;
      if (!cohorts.has(byStart)) cohorts.set(byStart, { id: c.id, priceMinor: c.price_minor });
    }
  }
  const enrollmentKeys = new Map<string, string>();
  const paidEnrollments = new Map<string, Set<number>>();
  const loadEnrollmentsOf = (client: PlannedClient) => {
    if (!client.existing || client.touched) return;
    for (const e of ctx.db.sqlite
      .prepare('SELECT id, program_id, cohort_id FROM enrollments WHERE client_id = ? AND deleted_at IS NULL')
      .all(client.id) as { id: string; program_id: string; cohort_id: string | null }[]) {
      enrollmentKeys.set(`${client.id}|${e.program_id}|${e.cohort_id ?? ''}`, e.id);
      const paid = ctx.db.sqlite
        .prepare('SELECT amount_minor AS a FROM payments WHERE enrollment_id = ? AND deleted_at IS NULL AND voided_at IS NULL')
        .all(e.id) as { a: number }[];
      paidEnrollments.set(e.id, new Set(paid.map((p) => p.a)));
    }
  };

  const programOf = (name: string): ProgramRef & { defaultPriceMinor: number | null } => {
    const key = fold(name) || name;
    let program = programs.get(key);
    if (!program) {
      program = { id: newId(ctx), created: true, defaultPriceMinor: null };
      programs.set(key, program);
      programWrites.push({ op: 'insert', table: 'programs', id: program.id, values: { name, kind: 'course', importBatchId: batchId } });
      counts.programs++;
    }
    return program;
  };

  const cohortOf = (programId: string, programName: string, name: string | null, startOn: string | null): CohortRef | null => {
    if (name === null && startOn === null) return null;
    const key = name !== null ? `${programId}|n|${fold(name) || name}` : `${programId}|d|${startOn}`;
    let cohort = cohorts.get(key);
    if (!cohort) {
      const id = newId(ctx);
      cohort = { id, priceMinor: null };
      cohorts.set(key, cohort);
      if (startOn !== null && name !== null) cohorts.set(`${programId}|d|${startOn}`, cohort);
      cohortWrites.push({
        op: 'insert',
        table: 'cohorts',
        id,
        values: {
          programId,
          name: name ?? `${programName} ${startOn}`,
          startOn,
          status: startOn !== null && startOn < input.today ? 'running' : 'open',
          importBatchId: batchId,
        },
      });
      counts.cohorts++;
    }
    return cohort;
  };

  const newClient = (row: number, name: SplitName, email: string | null, phone: string | null, isGuardian: boolean): PlannedClient => {
    const client: PlannedClient = {
      id: newId(ctx),
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
    planned.push(client);
    fileIndex.add(client);
    if (isGuardian) counts.guardians++;
    else counts.clients++;
    return client;
  };

  /** Fills what the client lacks; a differing value is kept in extra under the field's name. */
  const fill = (client: PlannedClient, field: keyof PlannedClient['values'], value: string | null, label: string) => {
    if (value === null || value === '') return;
    const current = client.values[field];
    if (current === null || current === '') {
      client.values[field] = value;
      if (field === 'email' || field === 'phone') fileIndex.add(client);
    } else if (current !== value && client.extra[label] === undefined) {
      client.extra[label] = value;
    }
  };

  const mergeExisting = (client: PlannedClient): PlannedClient => {
    loadEnrollmentsOf(client);
    client.touched = true;
    touchedExisting.add(client);
    fileIndex.add(client);
    return client;
  };

  const resolve = (
    row: NormalRow,
    name: SplitName,
    email: string | null,
    phone: string | null,
    isGuardian: boolean,
    decision: Decision | undefined,
  ): PlannedClient | null => {
    if (decision?.action === 'create') return newClient(row.row, name, email, phone, isGuardian);
    if (decision?.action === 'merge' && decision.clientId) {
      const target = dbClients.get(decision.clientId) ?? planned.find((c) => c.id === decision.clientId);
      if (target) return target.existing ? mergeExisting(target) : target;
    }
    const inFile = fileIndex.find(name, email, phone);
    if (inFile) {
      if (!isGuardian) {
        matches.push({
          row: row.row,
          clientId: inFile.client.id,
          clientName: inFile.client.values.displayName,
          by: inFile.by,
          in: 'file',
          action: 'merge',
        });
        if (!inFile.client.existing && inFile.client.firstRow !== row.row) {
          issues.push({
            row: row.row,
            column: null,
            header: null,
            code: 'duplicate_in_file',
            severity: 'warning',
            message: `Same person as row ${inFile.client.firstRow} (by ${inFile.by}): merged`,
          });
        }
      }
      return inFile.client;
    }
    const inDb = dbIndex.find(name, email, phone);
    if (inDb) {
      const byContact = inDb.by !== 'name';
      const action: 'merge' | 'create' | 'skip' =
        decision?.action === 'merge'
          ? 'merge'
          : policy === 'skip'
            ? 'skip'
            : policy === 'create'
              ? 'create'
              : byContact
                ? 'merge'
                : 'create';
      if (!isGuardian)
        matches.push({
          row: row.row,
          clientId: inDb.client.id,
          clientName: inDb.client.values.displayName,
          by: inDb.by,
          in: 'database',
          action,
        });
      if (action === 'skip') return null;
      if (action === 'merge') return mergeExisting(inDb.client);
      if (!byContact) {
        issues.push({
          row: row.row,
          column: null,
          header: null,
          code: 'name_only_match',
          severity: 'warning',
          message: `A client called "${inDb.client.values.displayName}" already exists with no shared e-mail or phone: created a new client (merge by hand if it is the same person)`,
        });
      }
    }
    return newClient(row.row, name, email, phone, isGuardian);
  };

  for (const row of rows) {
    issues.push(...row.issues);
    const decision = decisions.get(row.row);
    if (row.skip || row.name === null || decision?.action === 'skip') {
      skipped++;
      actions.set(row.row, 'skip');
      continue;
    }
    const client = resolve(row, row.name, row.email, row.phone, false, decision);
    if (client === null) {
      skipped++;
      actions.set(row.row, 'skip');
      continue;
    }
    actions.set(row.row, client.existing || client.firstRow !== row.row ? 'merge' : 'create');
    fill(client, 'firstName', row.name.firstName, 'First name');
    fill(client, 'lastName', row.name.lastName, 'Last name');
    fill(client, 'email', row.email, 'E-mail');
    fill(client, 'phone', row.phone, 'Phone');
    fill(client, 'birthDate', row.birthDate, 'Birth date');
    fill(client, 'notes', row.notes, 'Notes');
    fill(client, 'sourceChannel', row.sourceChannel, 'Source');
    for (const [header, value] of Object.entries(row.extra)) {
      if (client.extra[header] === undefined) client.extra[header] = value;
      else if (client.extra[header] !== value) {
        let n = 2;
        while (client.extra[`${header} (${n})`] !== undefined && client.extra[`${header} (${n})`] !== value) n++;
        client.extra[`${header} (${n})`] = value;
      }
    }

    const guardianName = guardianDisplay(row);
    if (guardianName) {
      const guardian = resolve(row, guardianName, row.guardianEmail, row.guardianPhone, true, undefined);
      if (guardian && guardian !== client) {
        guardian.isGuardian = true;
        fill(guardian, 'email', row.guardianEmail, 'E-mail');
        fill(guardian, 'phone', row.guardianPhone, 'Phone');
        if (client.values.guardianId === null && !isAncestor(client, guardian, dbClients, planned)) client.values.guardianId = guardian.id;
      }
    }

    if (row.program === null) {
      if (row.cohort !== null || row.paidMinor !== null || row.agreedPriceMinor !== null) {
        issues.push({
          row: row.row,
          column: null,
          header: null,
          code: 'missing_program',
          severity: 'warning',
          message: 'No course on this row: its group, price and payment are kept in the extra fields',
        });
        if (row.cohort !== null) client.extra['Group'] = row.cohort;
        if (row.agreedPriceMinor !== null) client.extra['Price'] = String(row.agreedPriceMinor);
        if (row.paidMinor !== null) client.extra['Paid'] = String(row.paidMinor);
      }
      continue;
    }
    const program = programOf(row.program);
    const cohort = cohortOf(program.id, row.program, row.cohort, row.startOn);
    const key = `${client.id}|${program.id}|${cohort?.id ?? ''}`;
    let enrollmentId = enrollmentKeys.get(key);
    const status: EnrollmentStatus = row.status ?? (row.paidMinor ? 'confirmed' : 'inquiry');
    const agreedPriceMinor = row.agreedPriceMinor ?? cohort?.priceMinor ?? program.defaultPriceMinor ?? 0;
    let freshEnrollment = false;
    const record: PlannedRecord = { row: row.row, enrollmentId: '', enrollment: null, payment: null };
    if (enrollmentId === undefined) {
      enrollmentId = newId(ctx);
      enrollmentKeys.set(key, enrollmentId);
      freshEnrollment = true;
      let instalments: { parts: number[]; dates: string[] } | null = null;
      if (row.instalmentCount !== null && agreedPriceMinor > 0) {
        const parts = splitEvenly(agreedPriceMinor, row.instalmentCount);
        instalments = { parts, dates: monthlyDates(row.startOn ?? input.today, row.instalmentCount) };
        counts.instalments += parts.length;
      }
      record.enrollment = {
        clientId: client.id,
        programId: program.id,
        cohortId: cohort?.id ?? null,
        status,
        agreedPriceMinor,
        notifyBeforeDays: row.notifyBeforeDays,
        instalments,
      };
      counts.enrollments++;
    }
    record.enrollmentId = enrollmentId;
    if (row.paidMinor !== null && row.paidMinor > 0) {
      // The amounts already paid on an enrollment are only tracked once a second row reaches it.
      let paid = paidEnrollments.get(enrollmentId);
      if (!paid) {
        paid = new Set();
        paidEnrollments.set(enrollmentId, paid);
      }
      if (freshEnrollment || !paid.has(row.paidMinor)) {
        paid.add(row.paidMinor);
        record.payment = { clientId: client.id, paidOn: row.paidOn ?? input.today, amountMinor: row.paidMinor };
        counts.payments++;
        if (agreedPriceMinor > 0 && row.paidMinor > agreedPriceMinor) {
          issues.push({
            row: row.row,
            column: null,
            header: null,
            code: 'paid_more_than_price',
            severity: 'warning',
            message: 'Paid more than the price: imported as written, the client has a credit',
          });
        }
      }
    }
    if (record.enrollment !== null || record.payment !== null) records.push(record);
  }

  const clientWrites: Write[] = [];
  const updatedClientIds: string[] = [];
  for (const client of touchedExisting) {
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
    if (Object.keys(values).length > 0) clientWrites.push({ op: 'update', table: 'clients', id: client.id, values });
    updatedClientIds.push(client.id);
  }

  const { fileName } = input;
  const { userId } = ctx.actor;
  function* recordWrites(record: PlannedRecord): Generator<Write> {
    const { enrollmentId, enrollment, payment } = record;
    if (enrollment !== null) {
      const { instalments, ...values } = enrollment;
      yield {
        op: 'insert',
        table: 'enrollments',
        id: enrollmentId,
        values: { ...values, discountMinor: 0, source: 'import', importBatchId: batchId },
      };
      yield {
        op: 'insert',
        table: 'enrollment_status_history',
        values: {
          enrollmentId,
          fromStatus: null,
          toStatus: enrollment.status,
          changedAt,
          changedBy: userId,
          note: `Imported from ${fileName}, row ${record.row}`,
        },
      };
      if (instalments !== null) {
        for (let i = 0; i < instalments.parts.length; i++) {
          yield {
            op: 'insert',
            table: 'instalments',
            values: { enrollmentId, dueOn: instalments.dates[i], amountMinor: instalments.parts[i], importBatchId: batchId },
          };
        }
      }
    }
    if (payment !== null) {
      yield {
        op: 'insert',
        table: 'payments',
        values: {
          clientId: payment.clientId,
          enrollmentId,
          paidOn: payment.paidOn,
          amountMinor: payment.amountMinor,
          method: 'other',
          reference: `Import: ${fileName}, row ${record.row}`,
          receivedBy: userId,
          importBatchId: batchId,
        },
      };
    }
  }
  function* writes(): Generator<Write> {
    yield* programWrites;
    yield* cohortWrites;
    for (const client of orderGuardiansFirst(planned)) {
      yield {
        op: 'insert',
        table: 'clients',
        id: client.id,
        values: { ...client.values, extra: JSON.stringify(client.extra), importBatchId: batchId },
      };
    }
    yield* clientWrites;
    for (const record of records) yield* recordWrites(record);
  }

  const created = planned.length;
  return {
    writes,
    counts,
    created,
    updated: touchedExisting.size,
    skipped,
    matches,
    issues,
    actions,
    createdClientIds: planned.map((c) => c.id),
    updatedClientIds,
  };
}

/** Whether `candidate` is `client` or one of its guardians' line (linking would make a loop). */
function isAncestor(
  client: PlannedClient,
  candidate: PlannedClient,
  dbClients: Map<string, PlannedClient>,
  planned: readonly PlannedClient[],
): boolean {
  const seen = new Set<string>();
  let next: PlannedClient | undefined = candidate;
  while (next && !seen.has(next.id)) {
    if (next.id === client.id) return true;
    seen.add(next.id);
    const parentId: string | null = next.values.guardianId;
    next = parentId === null ? undefined : (dbClients.get(parentId) ?? planned.find((c) => c.id === parentId));
  }
  return false;
}

/** New clients in an order where every guardian is written before the children who point at it. */
function orderGuardiansFirst(planned: readonly PlannedClient[]): PlannedClient[] {
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
