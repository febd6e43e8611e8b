/**
 * The building blocks of the API contract: how one method is declared, and the
 * field schemas every area reuses (ids, dates, money). Area files
 * (`<area>-methods.ts`) declare their methods with `spec` and contract.ts joins them.
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

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly capability: Capability;
  readonly input: I;
  /** Phantom: carries the output type; never read at run time. */
  readonly output: O;
  /** What the method does, for `call --list` and docs. */
  readonly summary: string;
}

export const spec =
  <O>() =>
  <I extends z.ZodType>(capability: Capability, input: I, summary: string): MethodSpec<I, O> => ({
    capability,
    input,
    output: undefined as O,
    summary,
  });

export const byId = z.object({ id: idSchema });
export const empty = z.object({}).default({});
