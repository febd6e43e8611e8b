/**
 * The building blocks of the API contract: how one method is declared, and the
 * field schemas every area reuses (ids, dates, money). Area files
 * (`<area>-methods.ts`) declare their methods with `read` or `write` and
 * contract.ts joins them.
 */
import { z } from 'zod';
import type { Capability } from '../capabilities';
import { isIsoDate } from '../dates';

export const idSchema = z.string().min(1, 'required').max(64);
export const isoDate = z.string().refine(isIsoDate, { message: 'Use a date like 2026-09-01' });
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 17:30');
export const moneyMinor = z.number().int('Must be a whole number of minor units').min(0, 'Must not be negative').max(1e13);
/** An amount that must be there: a payment or refund of zero is a typo, not a record. */
export const positiveMoneyMinor = z.number().int('Must be a whole number of minor units').min(1, 'Must be more than zero').max(1e13);
export const name = z.string().trim().min(1, 'required').max(200);
export const optionalText = (max = 2000) => z.string().trim().max(max).nullish();

/** Why a backup was taken: shown in the backups list and kept in the file name. */
export type BackupReason = 'start' | 'interval' | 'manual' | 'before-import' | 'before-restore' | 'before-migration';

/**
 * What a method needs from the one pipeline every call goes through
 * (src-main/api/invoke.ts), declared next to the method so no code tests a
 * method's name to find out:
 * - `access`: a read runs in a read transaction, never takes the write lock and
 *   cannot write (a read that writes fails and is rolled back); a write takes the
 *   lock up front, so a second writer (the CLI beside the app) waits instead of
 *   failing half-way.
 * - `backupBefore`: a verified backup is taken once the caller may make the call
 *   and the input is valid, before anything is written (not for a dry run).
 * - `transaction: 'none'`: the method manages the database file itself (an online
 *   backup copies in steps, a restore swaps the file), so it runs outside any
 *   transaction, after exactly the same checks.
 * - `afterCommit`: work that must follow the committed call but cannot be part of
 *   its transaction (VACUUM after an erasure).
 */
export interface MethodNeeds {
  readonly backupBefore?: BackupReason;
  readonly transaction?: 'none';
  readonly afterCommit?: 'compact';
}

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> extends MethodNeeds {
  readonly capability: Capability;
  readonly input: I;
  /** Phantom: carries the output type; never read at run time. */
  readonly output: O;
  /** What the method does, for `call --list` and docs. */
  readonly summary: string;
  readonly access: 'read' | 'write';
}

const declare =
  <A extends 'read' | 'write'>(access: A) =>
  <O>() =>
  <I extends z.ZodType, const N extends MethodNeeds = object>(
    capability: Capability,
    input: I,
    summary: string,
    needs?: N,
  ): MethodSpec<I, O> & { readonly access: A } & N => ({
    capability,
    input,
    output: undefined as O,
    summary,
    access,
    ...(needs ?? ({} as N)),
  });

/** A method that only reads: `read<Output>()(capability, input, summary)`. */
export const read = declare('read');
/** A method that writes: `write<Output>()(capability, input, summary, needs?)`. */
export const write = declare('write');

export const byId = z.object({ id: idSchema });
export const empty = z.object({}).default({});

/** Offset and page size of a list method. */
export const listPaging = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100_000).default(200),
};

// ---- inputs ----------------------------------------------------------------
