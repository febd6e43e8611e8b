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
 *
 * The rules of the screens hold here too: a price is the sheet's only when the
 * actor may set prices (else the group's or program's, and the sheet's is kept in
 * `extra`); programs and groups are created only by an actor who may create them.
 * What a row says but the import does not create is a `partial` issue, never a
 * silent drop. A sheet with a group column and no program column makes each group
 * a program of its name with that group (or finds the one group of that name the
 * school already has). Amounts come as the sheet's accounting gives them: any two
 * of price, paid and still owed give the third.
 */
import type { EnrollmentStatus } from '../../../src-shared/domain';
import type {
  DuplicatePolicy,
  ImportCounts,
  ImportIssue,
  ImportIssueCode,
  ImportLayoutNote,
  ImportMatch,
} from '../../../src-shared/api/imports-methods';
import { AppError } from '../../../src-shared/errors';
import { splitEvenly } from '../../../src-shared/money';
import { monthlyDates } from '../../../src-shared/dates';
import { newId, type Write } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';
import { cachedStatement } from '../../db/statements';
import { PackagePlanner, type PlannedPackage } from './plan-packages';
import { actorCan } from '../auth';
import { maySetPrices } from '../rights';
import { getSchoolLists, missingRequiredFields } from '../school-lists';
import type { NormalRow } from './analyse';
import { Catalog } from './plan-catalog';
import {
  ClientBook,
  orderGuardiansFirst,
  rowWarning,
  type Decision,
  type Findings,
  type MergeRecord,
  type PlannedClient,
} from './plan-clients';

export type { Decision, MergeRecord } from './plan-clients';

/** The key of one person of the sheet: the row, and the child block when a row holds several. */
export function personKey(row: Pick<NormalRow, 'row' | 'block'>): string {
  return row.block === null ? String(row.row) : `${row.row}.${row.block}`;
}

/** A row's issue that says part of what it describes is not created. */
function partialIssue(row: number, code: ImportIssueCode, message: string): ImportIssue {
  return { row, column: null, header: null, code, severity: 'partial', message };
}

export interface PlanInput {
  /** Read once, in order: rows may be normalised as they are reached. */
  rows: Iterable<NormalRow>;
  batchId: string;
  policy: DuplicatePolicy;
  decisions: ReadonlyMap<number, Decision>;
  today: string;
  fileName: string;
  /** How many of the first people read keep their action in `actions` (the preview's rows); all when not given. */
  actionsKept?: number;
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
  payment: { id: string; clientId: string; paidOn: string; amountMinor: number } | null;
}

export interface Plan {
  /**
   * The funnel writes, in order, built as they are read. One pass: each client and
   * record is let go once its writes are made, so a commit's writing never holds the
   * whole plan besides what it writes.
   */
  writes: () => Iterable<Write>;
  counts: ImportCounts;
  created: number;
  updated: number;
  skipped: number;
  matches: ImportMatch[];
  issues: ImportIssue[];
  /** Person (see personKey) -> what happens to them, for the first `actionsKept` people read. */
  actions: Map<string, 'create' | 'merge' | 'skip'>;
  updatedClientIds: string[];
  /** Every merge the rows made, with what it takes to undo each alone. */
  merges: MergeRecord[];
  /** How the sheet's layout was read, as far as the plan decided it. */
  layout: ImportLayoutNote[];
  /** Prepaid packages from a lessons-left column, written after the rows (plan-packages.ts). */
  packages: PlannedPackage[];
}

/** What the rows add up to while the plan reads them. */
interface Draft extends Findings {
  actions: Map<string, 'create' | 'merge' | 'skip'>;
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
  /** The actor may set prices and instalment plans (the owner's "assistant may change prices" setting). */
  canSetPrices: boolean;
  packages: PackagePlanner;
}

export function buildPlan(ctx: ServiceContext, input: PlanInput): Plan {
  const counts: ImportCounts = { clients: 0, guardians: 0, programs: 0, cohorts: 0, enrollments: 0, payments: 0, instalments: 0 };
  const draft: Draft = { counts, matches: [], issues: [], actions: new Map(), records: [], skipped: 0 };
  const enrollments = new KnownEnrollments(ctx);
  const clients = new ClientBook(ctx, input.policy, draft, (client) => enrollments.loadClient(client.id));
  const changedAt = ctx.clock.now().toISOString();
  const catalog = new Catalog(ctx, input.batchId, input.today, counts, actorCan(ctx, 'catalog.write'));
  const packages = new PackagePlanner(ctx, counts, draft.issues);
  const planner: Planner = { ctx, input, draft, clients, catalog, enrollments, canSetPrices: maySetPrices(ctx), packages };

  for (const row of input.rows) planRow(planner, row);
  draft.issues.push(...missingRequired(ctx, clients));

  const updates = clients.updates();
  const stamp: RecordStamp = { batchId: input.batchId, fileName: input.fileName, userId: ctx.actor.userId, changedAt };
  return {
    writes: writesOf(writable(planner), updates.writes, stamp),
    counts,
    created: clients.planned.length,
    updated: clients.touchedExisting.size,
    skipped: draft.skipped,
    matches: draft.matches,
    issues: draft.issues,
    actions: draft.actions,
    updatedClientIds: updates.ids,
    merges: clients.merges,
    layout: catalog.fromGroups ? ['programs_from_groups'] : [],
    packages: packages.planned,
  };
}

/**
 * The school's required client fields hold on this path too: each new or merged
 * client that leaves one empty is an issue of its first row, and the commit is
 * refused while any remains (requireImportFields), so an import never writes a
 * client the screens would refuse.
 */
function missingRequired(ctx: ServiceContext, clients: ClientBook): ImportIssue[] {
  const required = getSchoolLists(ctx).requiredClientFields;
  if (required.length === 0) return [];
  const issues: ImportIssue[] = [];
  for (const client of [...clients.planned, ...clients.touchedExisting]) {
    const missing = missingRequiredFields(required, client.values);
    if (missing.length === 0) continue;
    const fields = missing.map((m) => String(m.path.at(-1))).join(', ');
    issues.push({
      row: client.firstRow,
      column: null,
      header: null,
      code: 'missing_required',
      severity: 'skipped',
      message: `Required by the school and empty here: ${fields}`,
    });
  }
  return issues;
}

/** Refuses committing a plan in which a client lacks a field the school requires, naming each row. */
export function requireImportFields(plan: Pick<Plan, 'issues'>): void {
  const missing = plan.issues.filter((i) => i.code === 'missing_required');
  if (missing.length === 0) return;
  throw new AppError(
    'VALIDATION',
    `${missing.length} ${missing.length === 1 ? 'person lacks' : 'people lack'} a field the school requires`,
    missing.map((i) => ({ path: ['rows', i.row], code: 'missing_required', message: i.message })),
  );
}

/** One row through the stages: its client, their values and guardian, then its course, enrollment and payment. */
function planRow(planner: Planner, row: NormalRow): void {
  const { draft, clients } = planner;
  draft.issues.push(...row.issues);
  const decision = planner.input.decisions.get(row.row);
  const name = row.skip || decision?.action === 'skip' ? null : row.name;
  const resolved = name === null ? null : clients.clientOf(row, name, decision);
  if (name === null || resolved === null) {
    draft.skipped++;
    noteAction(planner, row, 'skip');
    return;
  }
  const { client, merge } = resolved;
  noteAction(planner, row, client.existing || client.firstRow !== row.row ? 'merge' : 'create');
  clients.takeRowValues(client, row, name, merge);
  clients.linkGuardian(client, row, merge);
  if (row.program === null && row.cohort === null) {
    keepCourseCellsInExtra(draft, client, row);
    return planner.packages.plan(row, client.id, null);
  }
  const record = planEnrollment(planner, client, row, merge);
  if (record !== null && (record.enrollment !== null || record.payment !== null)) draft.records.push(record);
  planner.packages.plan(row, client.id, record?.enrollmentId ?? null);
}

/** What happens to the row's person, kept for the first people only: a key per row of a big sheet is memory the preview never reads. */
function noteAction(planner: Planner, row: NormalRow, action: 'create' | 'merge' | 'skip'): void {
  const { actions } = planner.draft;
  if (actions.size < (planner.input.actionsKept ?? Infinity)) actions.set(personKey(row), action);
}

/** A row with no course cannot enroll anyone: its price and payment stay with the client, and the row says it is only partly imported. */
function keepCourseCellsInExtra(draft: Draft, client: PlannedClient, row: NormalRow): void {
  if (row.paidMinor === null && row.agreedPriceMinor === null && row.balanceMinor === null) return;
  draft.issues.push(
    partialIssue(
      row.row,
      'missing_program',
      'No course or group on this row: no enrollment or payment is created; its amounts are kept in the extra fields',
    ),
  );
  if (row.agreedPriceMinor !== null) client.extra['Price'] = String(row.agreedPriceMinor);
  if (row.paidMinor !== null) client.extra['Paid'] = String(row.paidMinor);
  if (row.balanceMinor !== null) client.extra['Balance'] = String(row.balanceMinor);
}

/**
 * The agreed price and the payment a row's amounts give: any two of price, paid and
 * still owed give the third; what is owed alone is the price. A price the actor may
 * not set gives way to the catalog's, and is kept in `extra`.
 */
function amountsOf(planner: Planner, client: PlannedClient, row: NormalRow, catalogPrice: number): { price: number; paid: number | null } {
  let price = row.agreedPriceMinor;
  let paid = row.paidMinor;
  const owed = row.balanceMinor;
  if (owed !== null) {
    const mismatch = () => {
      planner.draft.issues.push(
        rowWarning(
          row.row,
          'balance_mismatch',
          'The price, the amount paid and the amount still owed do not add up: price and payment imported as written',
        ),
      );
      client.extra['Balance'] = String(owed);
    };
    if (price !== null && paid !== null) {
      if (price - paid !== owed) mismatch();
    } else if (price !== null) {
      if (price - owed < 0) mismatch();
      else if (price - owed > 0) paid = price - owed;
    } else if (paid !== null) {
      if (paid + owed < 0) mismatch();
      else price = paid + owed;
    } else if (owed >= 0) price = owed;
    else mismatch();
  }
  if (price !== null && price !== catalogPrice && !planner.canSetPrices) {
    planner.draft.issues.push(
      partialIssue(
        row.row,
        'price_not_allowed',
        'Your role may not set prices: the group’s or program’s price is used, the sheet’s is kept in the extra fields',
      ),
    );
    client.extra['Price'] = String(price);
    price = null;
  }
  return { price: price ?? catalogPrice, paid };
}

/**
 * The enrollments a row may land on: those of existing clients the import merges
 * into (read when a row first reaches the client) and those planned by earlier rows,
 * with the amounts already paid on each, so a sheet with one row per payment does
 * not enroll a client twice or count one payment twice.
 */
class KnownEnrollments {
  /**
   * Per client, its enrollments as flat triples (program id, cohort id or '', enrollment id):
   * a client has a handful, and one small array per client costs a fraction of a
   * composite string key per enrollment (100,000 of them on a big sheet).
   */
  private readonly byClient = new Map<string, string[]>();
  private readonly paid = new Map<string, number[]>();

  constructor(private readonly ctx: ServiceContext) {}

  loadClient(clientId: string): void {
    const { sqlite } = this.ctx.db;
    const enrollmentsOf = cachedStatement(
      sqlite,
      'SELECT id, program_id, cohort_id FROM enrollments WHERE client_id = ? AND deleted_at IS NULL',
    );
    const paymentsOf = cachedStatement(
      sqlite,
      'SELECT amount_minor FROM payments WHERE enrollment_id = ? AND deleted_at IS NULL AND voided_at IS NULL',
      'pluck',
    );
    for (const e of enrollmentsOf.all(clientId) as { id: string; program_id: string; cohort_id: string | null }[]) {
      this.add(clientId, e.program_id, e.cohort_id, e.id);
      this.paid.set(e.id, [...new Set(paymentsOf.all(e.id) as number[])]);
    }
  }

  idOf(clientId: string, programId: string, cohortId: string | null): string | undefined {
    const known = this.byClient.get(clientId);
    if (known === undefined) return undefined;
    const at = KnownEnrollments.indexIn(known, programId, cohortId ?? '');
    return at < 0 ? undefined : known[at + 2];
  }

  /** The enrollment of the client in this program and cohort is now this one (a later one replaces an earlier). */
  add(clientId: string, programId: string, cohortId: string | null, enrollmentId: string): void {
    const known = this.byClient.get(clientId);
    if (known === undefined) {
      this.byClient.set(clientId, [programId, cohortId ?? '', enrollmentId]);
      return;
    }
    const at = KnownEnrollments.indexIn(known, programId, cohortId ?? '');
    if (at < 0) known.push(programId, cohortId ?? '', enrollmentId);
    else known[at + 2] = enrollmentId;
  }

  private static indexIn(known: readonly string[], programId: string, cohortId: string): number {
    for (let at = 0; at < known.length; at += 3) if (known[at] === programId && known[at + 1] === cohortId) return at;
    return -1;
  }

  /** Whether a payment of this amount is new on the enrollment (always, on one this row creates); it is then known. */
  takePayment(enrollmentId: string, amountMinor: number, freshEnrollment: boolean): boolean {
    const paid = this.paid.get(enrollmentId);
    if (paid === undefined) {
      this.paid.set(enrollmentId, [amountMinor]);
      return true;
    }
    if (!freshEnrollment && paid.includes(amountMinor)) return false;
    if (!paid.includes(amountMinor)) paid.push(amountMinor);
    return true;
  }
}

/**
 * The row's course and cohort (or the program its group makes), the enrollment there
 * (new unless an earlier row or the school has it), and its payment; null when the
 * actor may not create the program it names.
 */
function planEnrollment(planner: Planner, client: PlannedClient, row: NormalRow, merge: MergeRecord | null): PlannedRecord | null {
  const { ctx, catalog, enrollments, draft } = planner;
  const place = catalog.placeOf(row.program, row.cohort, row.startOn);
  if (place.refused !== null) {
    const what = place.refused === 'program' ? 'no enrollment or payment is created' : 'the enrollment is created without its group';
    draft.issues.push(
      partialIssue(
        row.row,
        'catalog_not_allowed',
        `Your role may not create programs or groups, and the school has none called so: ${what}; the names are kept in the extra fields`,
      ),
    );
    if (row.program !== null) client.extra['Program'] = row.program;
    if (row.cohort !== null) client.extra['Group'] = row.cohort;
    if (place.program === null) return null;
  }
  const program = place.program as NonNullable<typeof place.program>;
  const cohort = place.cohort;
  const known = enrollments.idOf(client.id, program.id, cohort?.id ?? null);
  const { price: agreedPriceMinor, paid } = amountsOf(planner, client, row, cohort?.priceMinor ?? program.defaultPriceMinor ?? 0);
  const record: PlannedRecord = { row: row.row, enrollmentId: known ?? newId(ctx), enrollment: null, payment: null };
  const status: EnrollmentStatus = row.status ?? (paid ? 'confirmed' : 'inquiry');
  if (known === undefined) {
    enrollments.add(client.id, program.id, cohort?.id ?? null, record.enrollmentId);
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
  record.payment = plannedPayment(planner, client, row, paid, record.enrollmentId, known === undefined, agreedPriceMinor);
  if (merge) {
    if (record.enrollment) merge.enrollmentIds.push(record.enrollmentId);
    else
      merge.course = {
        programId: program.id,
        cohortId: cohort?.id ?? null,
        status,
        agreedPriceMinor,
        notifyBeforeDays: row.notifyBeforeDays,
      };
    if (record.payment) merge.paymentIds.push(record.payment.id);
  }
  return record;
}

/** Equal monthly parts of the price from the start day (or today) when the sheet gives a count and there is a price. */
function instalmentPlan(planner: Planner, row: NormalRow, agreedPriceMinor: number): { parts: number[]; dates: string[] } | null {
  if (row.instalmentCount === null || agreedPriceMinor <= 0) return null;
  if (!planner.canSetPrices) {
    planner.draft.issues.push(
      partialIssue(row.row, 'price_not_allowed', 'Your role may not plan instalments: the instalment plan is not created'),
    );
    return null;
  }
  const parts = splitEvenly(agreedPriceMinor, row.instalmentCount);
  planner.draft.counts.instalments += parts.length;
  return { parts, dates: monthlyDates(row.startOn ?? planner.input.today, row.instalmentCount) };
}

/** What the row says was paid, unless an earlier row already recorded that amount on the same enrollment. */
function plannedPayment(
  planner: Planner,
  client: PlannedClient,
  row: NormalRow,
  paidMinor: number | null,
  enrollmentId: string,
  freshEnrollment: boolean,
  agreedPriceMinor: number,
): PlannedRecord['payment'] {
  if (paidMinor === null || paidMinor <= 0) return null;
  if (!planner.enrollments.takePayment(enrollmentId, paidMinor, freshEnrollment)) return null;
  planner.draft.counts.payments++;
  if (agreedPriceMinor > 0 && paidMinor > agreedPriceMinor) {
    planner.draft.issues.push(
      rowWarning(row.row, 'paid_more_than_price', 'Paid more than the price: imported as written, the client has a credit'),
    );
  }
  return { id: newId(planner.ctx), clientId: client.id, paidOn: row.paidOn ?? planner.input.today, amountMinor: paidMinor };
}

/** What every record written by this import carries: its batch, the file and row it came from, who imported it and when. */
interface RecordStamp {
  batchId: string;
  fileName: string;
  userId: string | null;
  changedAt: string;
}

/**
 * What the writes are made from. Only this outlives the plan: the books that found
 * clients, courses and enrollments (an index per e-mail, phone, name and row of the
 * sheet, and every client of the school) are let go before anything is written.
 */
interface Writable {
  programWrites: readonly Write[];
  cohortWrites: readonly Write[];
  planned: readonly PlannedClient[];
  records: readonly PlannedRecord[];
}

function writable(planner: Planner): Writable {
  const { catalog, clients, draft } = planner;
  return { programWrites: catalog.programWrites, cohortWrites: catalog.cohortWrites, planned: clients.planned, records: draft.records };
}

/**
 * The plan's one pass of writes. Made outside buildPlan so that the closure holds
 * only what it writes (a closure made there would keep every lookup of the plan
 * alive too), and the pass starts from its own copies of the lists, so it can let
 * each client and record go once written.
 */
function writesOf(plan: Writable, clientUpdates: readonly Write[], stamp: RecordStamp): () => Iterable<Write> {
  let source: Writable | null = plan;
  return () => {
    if (source === null) throw new Error('An import plan is written once');
    const pass = planWrites(
      source.programWrites,
      source.cohortWrites,
      [...orderGuardiansFirst(source.planned)],
      [...source.records],
      clientUpdates,
      stamp,
    );
    source = null;
    return pass;
  };
}

/** Programs, cohorts, new clients (guardians first), updates of existing clients, then each row's records. */
function* planWrites(
  programWrites: readonly Write[],
  cohortWrites: readonly Write[],
  planned: (PlannedClient | null)[],
  records: (PlannedRecord | null)[],
  clientUpdates: readonly Write[],
  stamp: RecordStamp,
): Generator<Write> {
  yield* programWrites;
  yield* cohortWrites;
  for (let i = 0; i < planned.length; i++) {
    const client = planned[i] as PlannedClient;
    planned[i] = null;
    yield {
      op: 'insert',
      table: 'clients',
      id: client.id,
      values: { ...client.values, extra: JSON.stringify(client.extra), importBatchId: stamp.batchId },
    };
  }
  yield* clientUpdates;
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as PlannedRecord;
    records[i] = null;
    yield* recordWrites(record, stamp);
  }
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
    id: payment.id,
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
