/**
 * Prepaid packages from a sheet: a "lessons left" column ("Alkalom maradt",
 * "剩余课时", "Осталось занятий") becomes, for each row's person, a package of that
 * many lessons starting on the import's day, tied to the enrollment the row makes
 * or finds (or, on a row with no course, the person's own for any of the family's
 * enrollments), with the row's package name ("bérlet") as its note.
 *
 * The plan only counts and remembers them; they are written after the rows' clients
 * and enrollments, in the import's one transaction, through the packages service's
 * own sale (src-main/services/lessons/packages.ts `saleWrites`), so an imported
 * package meets the checks a package sold at the desk meets. Undoing the import
 * takes back the packages its transaction created.
 *
 * Kept apart from plan.ts and plan-clients.ts, which hold only the few lines that
 * hand each row over here.
 */
import type { ImportCounts, ImportIssue } from '../../../src-shared/api/imports-methods';
import type { MethodParsedInput } from '../../../src-shared/api/contract';
import { applyChanges, newId, type Write } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';
import { actorCan } from '../auth';
import { saleWrites } from '../lessons/packages';

/** The most lessons a package read from a sheet may hold (a bigger number is a misread column). */
const mostLessons = 10_000;

/**
 * Lessons left as a sheet writes them: "8", "8 alkalom", "8 lessons", "8次", "8.0".
 * Null for anything else ("sok", "-3", "2.5"), which the row reader reports on its cell.
 */
export function parseLessonsLeft(text: string): number | null {
  const match = /^\s*(\d{1,6})(?:[.,]0+)?\s*(?:\p{L}[\p{L}\s.]*)?$/u.exec(text);
  if (!match) return null;
  const lessons = Number(match[1]);
  return lessons <= mostLessons ? lessons : null;
}

/** What a row's reading says about a package. */
export interface PackageCells {
  row: number;
  lessonsLeft: number | null;
  packageName: string | null;
}

/** A package to create once the rows' clients and enrollments are written. */
export interface PlannedPackage {
  row: number;
  holderClientId: string;
  enrollmentId: string | null;
  quantity: number;
  notes: string | null;
}

/** Collects the rows' packages while the plan reads them. */
export class PackagePlanner {
  readonly planned: PlannedPackage[] = [];
  private readonly maySell: boolean;

  constructor(
    ctx: ServiceContext,
    private readonly counts: ImportCounts,
    private readonly issues: ImportIssue[],
  ) {
    this.maySell = actorCan(ctx, 'payments.write');
  }

  /** The row's package, if it names lessons left (none for zero: nothing is left to use). */
  plan(row: PackageCells, holderClientId: string, enrollmentId: string | null): void {
    if (row.lessonsLeft === null || row.lessonsLeft === 0) return;
    if (!this.maySell) {
      this.issues.push({
        row: row.row,
        column: null,
        header: null,
        code: 'package_not_allowed',
        severity: 'partial',
        message: 'Your role may not sell packages: the lessons left are kept in the extra fields, no package is created',
      });
      return;
    }
    this.planned.push({ row: row.row, holderClientId, enrollmentId, quantity: row.lessonsLeft, notes: row.packageName });
    this.counts.packages = (this.counts.packages ?? 0) + 1;
  }
}

/** Writes the planned packages (after the rows' own writes, inside the import's transaction and change-log tx). */
export function writePackages(ctx: ServiceContext, planned: readonly PlannedPackage[], today: string): void {
  let chunk: Write[] = [];
  for (const pkg of planned) {
    const sale: MethodParsedInput<'packages.sell'> = {
      holderClientId: pkg.holderClientId,
      enrollmentId: pkg.enrollmentId,
      programId: null,
      unit: 'lessons',
      quantity: pkg.quantity,
      lessonValueMinor: null,
      priceMinor: 0,
      startsOn: today,
      expiresOn: null,
      notes: pkg.notes,
      payment: null,
    };
    chunk.push(...saleWrites(ctx, sale, newId(ctx), { line: false }));
    if (chunk.length >= 500) {
      applyChanges(ctx, chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) applyChanges(ctx, chunk);
}

/** The writes that take back the packages an import's transaction created, and how many. */
export function undoPackages(ctx: Pick<ServiceContext, 'db'>, tx: string | undefined): { writes: Write[]; count: number } {
  if (!tx) return { writes: [], count: 0 };
  const ids = ctx.db.sqlite
    .prepare(
      `SELECT DISTINCT c.row_id FROM changes c JOIN packages k ON k.id = c.row_id AND k.deleted_at IS NULL
       WHERE c.tx = ? AND c.table_name = 'packages'`,
    )
    .pluck()
    .all(tx) as string[];
  return { writes: ids.map((id) => ({ op: 'delete', table: 'packages', id })), count: ids.length };
}
