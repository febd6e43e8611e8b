/**
 * The programs and cohorts an import's rows name, found in the database or created
 * once. A sheet names its course on every row ("Angol B1", "angol b1 "), so names
 * are compared folded and each new program or cohort is planned on the first row
 * that names it: ten rows of one course make one program, not ten. A cohort is
 * found by its name within the program or, when the sheet gives only a start day,
 * by that day, and a named cohort with a day answers to both.
 *
 * A sheet that names only a group (a class register: "3.B", "Hétfő esti") makes
 * the group's program from it: the one group of that name the school already has
 * (with its program), else a program of the group's name holding that group. A
 * program or group is created only when the actor may create them on screen
 * (`catalog.write`); otherwise the place is refused and the plan says so.
 *
 * Kept apart from the client matching (plan-clients.ts) because the two share
 * nothing but the batch: this file knows only names, days and prices.
 */
import type { ImportCounts } from '../../../src-shared/api/imports-methods';
import { fold } from '../../../src-shared/import/vocabulary';
import { newId, type Write } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';

export interface ProgramRef {
  id: string;
  created: boolean;
  defaultPriceMinor: number | null;
}

export interface CohortRef {
  id: string;
  priceMinor: number | null;
}

/** Where a row's enrollment goes; `refused` says what the actor may not create (the program, or only the group). */
export interface Place {
  program: ProgramRef | null;
  cohort: CohortRef | null;
  refused: 'program' | 'cohort' | null;
}

export class Catalog {
  /** Program inserts, in the order the rows first named them. */
  readonly programWrites: Write[] = [];
  /** Cohort inserts, in the order the rows first named them. */
  readonly cohortWrites: Write[] = [];
  /** True once a row's group made its program (the sheet has no program column for it). */
  fromGroups = false;
  private readonly programs = new Map<string, ProgramRef>();
  private readonly programsById = new Map<string, ProgramRef>();
  private readonly cohorts = new Map<string, CohortRef>();
  /** The school's cohorts by name alone, for a sheet that names only the group. */
  private readonly cohortsByName = new Map<string, { programId: string; cohort: CohortRef }[]>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly batchId: string,
    private readonly today: string,
    private readonly counts: ImportCounts,
    private readonly canCreate: boolean,
  ) {
    this.loadPrograms();
    this.loadCohorts();
  }

  /** The program and cohort a row names; a row naming only its group gets the group's program. */
  placeOf(programName: string | null, cohortName: string | null, startOn: string | null): Place {
    if (programName === null) {
      if (cohortName === null) return { program: null, cohort: null, refused: null };
      this.fromGroups = true;
      const known = this.cohortsByName.get(fold(cohortName) || cohortName);
      if (known?.length === 1) {
        const only = known[0] as { programId: string; cohort: CohortRef };
        return { program: this.programsById.get(only.programId) ?? null, cohort: only.cohort, refused: null };
      }
      programName = cohortName;
    }
    const program = this.programOf(programName);
    if (program === null) return { program: null, cohort: null, refused: 'program' };
    const cohort = this.cohortOf(program.id, programName, cohortName, startOn);
    const refused = cohort === null && (cohortName !== null || startOn !== null) ? 'cohort' : null;
    return { program, cohort, refused };
  }

  /** The program of that name, planned as a new course when the school has none (null when the actor may not create it). */
  programOf(name: string): ProgramRef | null {
    const key = fold(name) || name;
    let program = this.programs.get(key);
    if (!program) {
      if (!this.canCreate) return null;
      program = { id: newId(this.ctx), created: true, defaultPriceMinor: null };
      this.programs.set(key, program);
      this.programWrites.push({
        op: 'insert',
        table: 'programs',
        id: program.id,
        values: { name, kind: 'course', importBatchId: this.batchId },
      });
      this.counts.programs++;
    }
    return program;
  }

  /** The cohort a row names by name or start day (null when it names neither), planned when new. */
  cohortOf(programId: string, programName: string, name: string | null, startOn: string | null): CohortRef | null {
    if (name === null && startOn === null) return null;
    const key = name !== null ? `${programId}|n|${fold(name) || name}` : `${programId}|d|${startOn}`;
    let cohort = this.cohorts.get(key);
    if (!cohort) {
      if (!this.canCreate) return null;
      const id = newId(this.ctx);
      cohort = { id, priceMinor: null };
      this.cohorts.set(key, cohort);
      if (startOn !== null && name !== null) this.cohorts.set(`${programId}|d|${startOn}`, cohort);
      this.cohortWrites.push({
        op: 'insert',
        table: 'cohorts',
        id,
        values: {
          programId,
          name: name ?? `${programName} ${startOn}`,
          startOn,
          status: startOn !== null && startOn < this.today ? 'running' : 'open',
          importBatchId: this.batchId,
        },
      });
      this.counts.cohorts++;
    }
    return cohort;
  }

  private loadPrograms(): void {
    const rows = this.ctx.db.sqlite
      .prepare('SELECT id, name, default_price_minor FROM programs WHERE deleted_at IS NULL ORDER BY created_at')
      .all() as { id: string; name: string; default_price_minor: number | null }[];
    for (const p of rows) {
      const ref = { id: p.id, created: false, defaultPriceMinor: p.default_price_minor };
      this.programsById.set(p.id, ref);
      if (!this.programs.has(fold(p.name))) this.programs.set(fold(p.name), ref);
    }
  }

  private loadCohorts(): void {
    const rows = this.ctx.db.sqlite
      .prepare('SELECT id, program_id, name, start_on, price_minor FROM cohorts WHERE deleted_at IS NULL ORDER BY created_at')
      .all() as { id: string; program_id: string; name: string; start_on: string | null; price_minor: number | null }[];
    for (const c of rows) {
      const byName = `${c.program_id}|n|${fold(c.name)}`;
      const ref = { id: c.id, priceMinor: c.price_minor };
      if (!this.cohorts.has(byName)) this.cohorts.set(byName, ref);
      const anywhere = this.cohortsByName.get(fold(c.name)) ?? [];
      anywhere.push({ programId: c.program_id, cohort: ref });
      this.cohortsByName.set(fold(c.name), anywhere);
      if (c.start_on) {
        const byStart = `${c.program_id}|d|${c.start_on}`;
        if (!this.cohorts.has(byStart)) this.cohorts.set(byStart, { id: c.id, priceMinor: c.price_minor });
      }
    }
  }
}
