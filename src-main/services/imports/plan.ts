/**
 * From normalised rows to the records they become: clients (deduplicated within
 * the file and against the database), guardians linked to their children,
 * programs and cohorts found or created, enrollments with status and price, a
 * payment for what was paid so far, and an instalment plan when the sheet gives a
 * count. The result is a list of funnel writes plus the counts and matches the
 * preview shows — the preview and the commit run this same code, so what the
 * user approved is what is written.
 *
 * The plan is a pipeline over the rows, one row at a time: who the row is about
 * (plan-clients.ts, which also holds the matching rules), the values it brings
 * them, the guardian it names, the program and cohort it names (plan-catalog.ts),
 * then its enrollment and payment (here). Each stage is a named function, so a
 * rule is found where its stage is, not in the middle of one long loop.
 *
 * The writes are not held as a list: the plan keeps one compact record per
 * enrollment or payment and `writes()` turns them into funnel writes as they are
 * consumed, so a dry run never builds them and a commit holds one chunk at a time.
 */
import type { EnrollmentStatus } from '../../../src-shared/domain';
import type { DuplicatePolicy, ImportCounts, ImportIssue, ImportMatch } from '../../../src-shared/api/imports-methods';
import { splitEvenly } from '../../../src-shared/money';
import { monthlyDates } from '../../../src-shared/dates';
import { newId, type Write } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';
import type { NormalRow } from './analyse';
import { Catalog } from './plan-catalog';
import { ClientBook, orderGuardiansFirst, rowWarning, type Decision, type Findings, type PlannedClient } from './plan-clients';

export type { Decision } from './plan-clients';

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

/** What the rows add up to while the plan reads them. */
interface Draft extends Findings {
  actions: Map<number, 'create' | 'merge' | 'skip'>;
  records: PlannedRecord[];
  skipped: number;
}

/** The stages' shared state: the input, what is planned so far, and the books that find or create clients, courses and enrollments. */
interface Planner {
  ctx: ServiceContext;
  input: PlanInput;
  draft: Draft;
  clients: ClientBook;
  catalog: Catalog;
  enrollments: KnownEnrollments;
}

export function buildPlan(ctx: ServiceContext, input: PlanInput): Plan {
  const counts: ImportCounts = { clients: 0, guardians: 0, programs: 0, cohorts: 0, enrollments: 0, payments: 0, instalments: 0 };
  const draft: Draft = { counts, matches: [], issues: [], actions: new Map(), records: [], skipped: 0 };
  const enrollments = new KnownEnrollments(ctx);
  const clients = new ClientBook(ctx, input.policy, draft, (client) => enrollments.loadClient(client.id));
  const changedAt = ctx.clock.now().toISOString();
  const planner: Planner = { ctx, input, draft, clients, catalog: new Catalog(ctx, input.batchId, input.today, counts), enrollments };

  for (const row of input.rows) planRow(planner, row);

  const updates = clients.updates();
  const stamp: RecordStamp = { batchId: input.batchId, fileName: input.fileName, userId: ctx.actor.userId, changedAt };
  return {
    writes: () => planWrites(planner, updates.writes, stamp),
    counts,
    created: clients.planned.length,
    updated: clients.touchedExisting.size,
    skipped: draft.skipped,
    matches: draft.matches,
    issues: draft.issues,
    actions: draft.actions,
    createdClientIds: clients.planned.map((c) => c.id),
    updatedClientIds: updates.ids,
  };
}

/** One row through the stages: its client, their values and guardian, then its course, enrollment and payment. */
function planRow(planner: Planner, row: NormalRow): void {
  const { draft, clients } = planner;
  draft.issues.push(...row.issues);
  const decision = planner.input.decisions.get(row.row);
  const name = row.skip || decision?.action === 'skip' ? null : row.name;
  const client = name === null ? null : clients.clientOf(row, name, decision);
  if (name === null || client === null) {
    draft.skipped++;
    draft.actions.set(row.row, 'skip');
    return;
  }
  draft.actions.set(row.row, client.existing || client.firstRow !== row.row ? 'merge' : 'create');
  clients.takeRowValues(client, row, name);
  clients.linkGuardian(client, row);
  if (row.program === null) return keepCourseCellsInExtra(draft, client, row);
  const record = planEnrollment(planner, client, row, row.program);
  if (record.enrollment !== null || record.payment !== null) draft.records.push(record);
}

/** A row with no course cannot enroll anyone: its group, price and payment stay with the client, with a warning. */
function keepCourseCellsInExtra(draft: Draft, client: PlannedClient, row: NormalRow): void {
  if (row.cohort === null && row.paidMinor === null && row.agreedPriceMinor === null) return;
  draft.issues.push(
    rowWarning(row.row, 'missing_program', 'No course on this row: its group, price and payment are kept in the extra fields'),
  );
  if (row.cohort !== null) client.extra['Group'] = row.cohort;
  if (row.agreedPriceMinor !== null) client.extra['Price'] = String(row.agreedPriceMinor);
  if (row.paidMinor !== null) client.extra['Paid'] = String(row.paidMinor);
}

/**
 * The enrollments a row may land on: those of existing clients the import merges
 * into (read when a row first reaches the client) and those planned by earlier rows,
 * with the amounts already paid on each, so a sheet with one row per payment does
 * not enroll a client twice or count one payment twice.
 */
class KnownEnrollments {
  private readonly ids = new Map<string, string>();
  private readonly paid = new Map<string, Set<number>>();

  constructor(private readonly ctx: ServiceContext) {}

  static key(clientId: string, programId: string, cohortId: string | null): string {
    return `${clientId}|${programId}|${cohortId ?? ''}`;
  }

  loadClient(clientId: string): void {
    const { sqlite } = this.ctx.db;
    for (const e of sqlite
      .prepare('SELECT id, program_id, cohort_id FROM enrollments WHERE client_id = ? AND deleted_at IS NULL')
      .all(clientId) as { id: string; program_id: string; cohort_id: string | null }[]) {
      this.ids.set(KnownEnrollments.key(clientId, e.program_id, e.cohort_id), e.id);
      const paid = sqlite
        .prepare('SELECT amount_minor AS a FROM payments WHERE enrollment_id = ? AND deleted_at IS NULL AND voided_at IS NULL')
        .all(e.id) as { a: number }[];
      this.paid.set(e.id, new Set(paid.map((p) => p.a)));
    }
  }

  idOf(key: string): string | undefined {
    return this.ids.get(key);
  }

  add(key: string, enrollmentId: string): void {
    this.ids.set(key, enrollmentId);
  }

  /** Whether a payment of this amount is new on the enrollment (always, on one this row creates); it is then known. */
  takePayment(enrollmentId: string, amountMinor: number, freshEnrollment: boolean): boolean {
    // The amounts already paid on an enrollment are only tracked once a second row reaches it.
    let paid = this.paid.get(enrollmentId);
    if (!paid) {
      paid = new Set();
      this.paid.set(enrollmentId, paid);
    }
    if (!freshEnrollment && paid.has(amountMinor)) return false;
    paid.add(amountMinor);
    return true;
  }
}

/** The row's course and cohort, the enrollment there (new unless an earlier row or the school has it), and its payment. */
function planEnrollment(planner: Planner, client: PlannedClient, row: NormalRow, programName: string): PlannedRecord {
  const { ctx, catalog, enrollments, draft } = planner;
  const program = catalog.programOf(programName);
  const cohort = catalog.cohortOf(program.id, programName, row.cohort, row.startOn);
  const key = KnownEnrollments.key(client.id, program.id, cohort?.id ?? null);
  const known = enrollments.idOf(key);
  const agreedPriceMinor = row.agreedPriceMinor ?? cohort?.priceMinor ?? program.defaultPriceMinor ?? 0;
  const record: PlannedRecord = { row: row.row, enrollmentId: known ?? newId(ctx), enrollment: null, payment: null };
  if (known === undefined) {
    enrollments.add(key, record.enrollmentId);
    const status: EnrollmentStatus = row.status ?? (row.paidMinor ? 'confirmed' : 'inquiry');
    record.enrollment = {
      clientId: client.id,
      programId: program.id,
      cohortId: cohort?.id ?? null,
      status,
      agreedPriceMinor,
      notifyBeforeDays: row.notifyBeforeDays,
      instalments: instalmentPlan(planner, row, agreedPriceMinor),
    };
    draft.counts.enrollments++;
  }
  record.payment = plannedPayment(planner, client, row, record.enrollmentId, known === undefined, agreedPriceMinor);
  return record;
}

/** Equal monthly parts of the price from the start day (or today) when the sheet gives a count and there is a price. */
function instalmentPlan(planner: Planner, row: NormalRow, agreedPriceMinor: number): { parts: number[]; dates: string[] } | null {
  if (row.instalmentCount === null || agreedPriceMinor <= 0) return null;
  const parts = splitEvenly(agreedPriceMinor, row.instalmentCount);
  planner.draft.counts.instalments += parts.length;
  return { parts, dates: monthlyDates(row.startOn ?? planner.input.today, row.instalmentCount) };
}

/** What the row says was paid, unless an earlier row already recorded that amount on the same enrollment. */
function plannedPayment(
  planner: Planner,
  client: PlannedClient,
  row: NormalRow,
  enrollmentId: string,
  freshEnrollment: boolean,
  agreedPriceMinor: number,
): PlannedRecord['payment'] {
  const { paidMinor } = row;
  if (paidMinor === null || paidMinor <= 0) return null;
  if (!planner.enrollments.takePayment(enrollmentId, paidMinor, freshEnrollment)) return null;
  planner.draft.counts.payments++;
  if (agreedPriceMinor > 0 && paidMinor > agreedPriceMinor) {
    planner.draft.issues.push(
      rowWarning(row.row, 'paid_more_than_price', 'Paid more than the price: imported as written, the client has a credit'),
    );
  }
  return { clientId: client.id, paidOn: row.paidOn ?? planner.input.today, amountMinor: paidMinor };
}

/** What every record written by this import carries: its batch, the file and row it came from, who imported it and when. */
interface RecordStamp {
  batchId: string;
  fileName: string;
  userId: string | null;
  changedAt: string;
}

/** Programs, cohorts, new clients (guardians first), updates of existing clients, then each row's records. */
function* planWrites(planner: Planner, clientUpdates: readonly Write[], stamp: RecordStamp): Generator<Write> {
  yield* planner.catalog.programWrites;
  yield* planner.catalog.cohortWrites;
  for (const client of orderGuardiansFirst(planner.clients.planned)) {
    yield {
      op: 'insert',
      table: 'clients',
      id: client.id,
      values: { ...client.values, extra: JSON.stringify(client.extra), importBatchId: stamp.batchId },
    };
  }
  yield* clientUpdates;
  for (const record of planner.draft.records) yield* recordWrites(record, stamp);
}

function* recordWrites(record: PlannedRecord, stamp: RecordStamp): Generator<Write> {
  if (record.enrollment !== null) yield* enrollmentWrites(record.enrollmentId, record.enrollment, record.row, stamp);
  if (record.payment !== null) yield paymentWrite(record.enrollmentId, record.payment, record.row, stamp);
}

/** A new enrollment, its first status in the history (naming the file and row), and its instalments. */
function* enrollmentWrites(
  enrollmentId: string,
  enrollment: NonNullable<PlannedRecord['enrollment']>,
  row: number,
  stamp: RecordStamp,
): Generator<Write> {
  const { batchId, fileName, userId, changedAt } = stamp;
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
      note: `Imported from ${fileName}, row ${row}`,
    },
  };
  if (instalments === null) return;
  for (let i = 0; i < instalments.parts.length; i++) {
    yield {
      op: 'insert',
      table: 'instalments',
      values: { enrollmentId, dueOn: instalments.dates[i], amountMinor: instalments.parts[i], importBatchId: batchId },
    };
  }
}

function paymentWrite(enrollmentId: string, payment: NonNullable<PlannedRecord['payment']>, row: number, stamp: RecordStamp): Write {
  return {
    op: 'insert',
    table: 'payments',
    values: {
      clientId: payment.clientId,
      enrollmentId,
      paidOn: payment.paidOn,
      amountMinor: payment.amountMinor,
      method: 'other',
      reference: `Import: ${stamp.fileName}, row ${row}`,
      receivedBy: stamp.userId,
      importBatchId: stamp.batchId,
    },
  };
}
