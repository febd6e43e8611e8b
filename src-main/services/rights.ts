/**
 * What the one calling may see and write where it depends on the data, decided
 * here and nowhere else, so every path that reads or writes (a screen, paste,
 * import, undo, the CLI) meets the same rule instead of each keeping its own copy
 * that drifts. The router checks the capability a method names; these are the
 * checks inside a method:
 *
 * - Money across clients. A role without `finance.read` (the assistant, the
 *   teacher) sees the money of one client at a time — the client or enrollment
 *   they opened — and never a list of payments, prices or balances of many
 *   clients, because summing such a list rebuilds the school's revenue. A list
 *   that spans clients either asks for a client (`requireOneClient`) or answers
 *   without its money columns (`seesMoneyAcrossClients`), and refuses a filter or
 *   sort by an amount, which would leak the amounts one comparison at a time.
 * - Prices. Setting an agreed price, a discount or an instalment plan needs
 *   `prices.write`, which the owner's "assistant may change prices" toggle takes
 *   away at run time (`maySetPrices`).
 * - Writes composed by the app (undo's inverse, pasted rows) need what the same
 *   writes would need done by hand (`requireWriteRights`, judged by the one table
 *   in changes/write-rules.ts that sync judges other devices by).
 */
import { roleCan, type Capability } from '../../src-shared/capabilities';
import { AppError, type FieldError } from '../../src-shared/errors';
import type { Write } from '../changes/funnel';
import { rightsForWrite } from '../changes/write-rules';
import type { ServiceContext } from '../core/context';
import { actorCan } from './auth';

/** Whether the actor may see money of many clients at once: lists with amounts, sums, balances per row. */
export function seesMoneyAcrossClients(ctx: Pick<ServiceContext, 'actor'>): boolean {
  return roleCan(ctx.actor.role, 'finance.read');
}

/** The refusal of a money question asked across clients by a role that may see one client's money only. */
function acrossClients(path: (string | number)[], message: string): AppError {
  return new AppError('FORBIDDEN', message, [{ path, code: 'finance.read', message: 'one_client_only' }]);
}

/**
 * Refuses a list of money that is not scoped to one client or enrollment, unless
 * the actor may see money across clients.
 */
export function requireOneClient(
  ctx: Pick<ServiceContext, 'actor'>,
  scope: { clientId?: string | undefined; enrollmentId?: string | undefined },
): void {
  if (seesMoneyAcrossClients(ctx) || scope.clientId !== undefined || scope.enrollmentId !== undefined) return;
  throw acrossClients(['clientId'], 'Your role sees payments of one client at a time: choose a client');
}

/**
 * Refuses an answer that would carry money of `clients` different clients at once
 * (a payment reminder with each person's amount, rendered for everyone overdue)
 * unless the actor may see money across clients.
 */
export function refuseManyClients(ctx: Pick<ServiceContext, 'actor'>, clients: number, path: (string | number)[]): void {
  if (clients <= 1 || seesMoneyAcrossClients(ctx)) return;
  throw acrossClients(path, 'Your role sees the amount of one person at a time: send this one person at a time');
}

/**
 * Refuses filtering or sorting a cross-client list by an amount (`used` names the
 * input field that does) unless the actor may see money across clients.
 */
export function refuseMoneyQuery(ctx: Pick<ServiceContext, 'actor'>, used: string | null): void {
  if (used === null || seesMoneyAcrossClients(ctx)) return;
  throw acrossClients([used], 'Your role may not filter or sort many clients by an amount');
}

/** Whether the actor may set agreed prices, discounts and instalment plans (the owner's toggle included). */
export function maySetPrices(ctx: Pick<ServiceContext, 'db' | 'actor'>): boolean {
  return actorCan(ctx, 'prices.write');
}

/** Refuses setting a price (at `path`) by an actor who may not. */
export function requirePriceRight(ctx: Pick<ServiceContext, 'db' | 'actor'>, path: (string | number)[]): void {
  if (maySetPrices(ctx)) return;
  throw new AppError('FORBIDDEN', 'Your role may not set prices or discounts', [{ path, code: 'prices.write', message: 'forbidden' }]);
}

const explain: Partial<Record<Capability, string>> = {
  'records.delete': 'delete records',
  'payments.void': 'void payments',
  'prices.write': 'set prices or instalments',
};

/**
 * Refuses the whole list of writes when any of them needs a capability the actor
 * lacks (`pathOf` says where to point the error: the undone action, the pasted
 * row); nothing is written. Checked before the writes reach the funnel, so the
 * caller's transaction never starts half of them.
 */
export function requireWriteRights(
  ctx: Pick<ServiceContext, 'db' | 'actor'>,
  writes: readonly Write[],
  pathOf: (index: number) => (string | number)[],
): void {
  const refused: FieldError[] = [];
  const held = new Map<Capability, boolean>();
  const can = (capability: Capability) => {
    if (!held.has(capability)) held.set(capability, actorCan(ctx, capability));
    return held.get(capability) === true;
  };
  writes.forEach((write, index) => {
    for (const { capability, field } of rightsForWrite(write)) {
      if (can(capability)) continue;
      refused.push({ path: [...pathOf(index), ...(field ? [field] : [])], code: capability, message: 'forbidden' });
    }
  });
  const first = refused[0];
  if (!first) return;
  const what = explain[first.code as Capability] ?? first.code;
  throw new AppError('FORBIDDEN', `Your role (${ctx.actor.role}) may not ${what}, so this cannot be done`, refused);
}
