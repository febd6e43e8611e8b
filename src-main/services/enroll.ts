/**
 * "New enrollment" as one action: pick or create the client, enroll them in a
 * cohort (or register interest in a program), lay out the instalment plan and
 * record the first payment. It reuses the services that do each step alone, so
 * the rules (E.164 phones, price defaults, discount limits, allocation) are the
 * same ones every other screen obeys; the router's transaction around the call
 * makes it all-or-nothing, and its action id (one per call) makes it one entry for undo.
 *
 * A failing step's field paths are moved under the part of the input it came
 * from (`newClient.phone`, `plan.rows`, `firstPayment.amountMinor`), so the
 * dialog can put the message next to the field the user typed into.
 */
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { EnrollResult } from '../../src-shared/api/workspace-methods';
import type { Capability } from '../../src-shared/capabilities';
import { AppError } from '../../src-shared/errors';
import { createClient, getClient } from './clients';
import { actorCan } from './auth';
import { requirePriceRight } from './rights';
import type { ServiceContext } from '../core/context';
import { createEnrollment, getEnrollment } from './enrollments';
import { createInstalment, listInstalments, planInstalments } from './instalments';
import { createPayment } from './payments';

function under<T>(prefix: (string | number)[], step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof AppError && error.fields) {
      throw new AppError(
        error.code,
        error.message,
        error.fields.map((f) => ({ ...f, path: [...prefix, ...f.path] })),
      );
    }
    throw error;
  }
}

function requireRight(ctx: ServiceContext, capability: Capability, path: string[]): void {
  if (!actorCan(ctx, capability)) {
    throw new AppError('FORBIDDEN', `Your role (${ctx.actor.role}) may not ${capability}`, [
      { path, code: capability, message: 'forbidden' },
    ]);
  }
}

export function enroll(ctx: ServiceContext, input: MethodParsedInput<'enrollments.enroll'>): EnrollResult {
  {
    let clientCreated = false;
    let clientId = input.clientId;
    if (clientId) {
      getClient(ctx, clientId, ['clientId']);
    } else {
      requireRight(ctx, 'clients.write', ['newClient']);
      clientId = under(['newClient'], () => createClient(ctx, { ...input.newClient })).id;
      clientCreated = true;
    }

    const enrollment = createEnrollment(ctx, {
      clientId,
      cohortId: input.cohortId ?? null,
      programId: input.programId,
      status: input.status,
      agreedPriceMinor: input.agreedPriceMinor,
      discountMinor: input.discountMinor,
      followUpOn: input.followUpOn ?? null,
      source: input.source,
      sourceChannel: input.sourceChannel,
      campaignId: input.campaignId,
      notes: input.notes,
    });

    const plan = input.plan;
    if (plan.kind !== 'none') requirePriceRight(ctx, ['plan']);
    if (plan.kind === 'even') {
      under(['plan'], () =>
        planInstalments(ctx, {
          enrollmentId: enrollment.id,
          count: plan.count,
          firstDueOn: plan.firstDueOn,
          everyMonths: plan.everyMonths,
        }),
      );
    } else if (plan.kind === 'custom') {
      plan.rows.forEach((row, i) =>
        under(['plan', 'rows', i], () =>
          createInstalment(ctx, { enrollmentId: enrollment.id, dueOn: row.dueOn, amountMinor: row.amountMinor }),
        ),
      );
    }

    let payment = null;
    if (input.firstPayment) {
      requireRight(ctx, 'payments.write', ['firstPayment']);
      const first = input.firstPayment;
      payment = under(['firstPayment'], () =>
        createPayment(ctx, {
          clientId,
          enrollmentId: enrollment.id,
          amountMinor: first.amountMinor,
          paidOn: first.paidOn,
          method: first.method,
          reference: first.reference,
        }),
      );
    }

    return {
      client: getClient(ctx, clientId),
      clientCreated,
      enrollment: getEnrollment(ctx, enrollment.id),
      instalments: listInstalments(ctx, enrollment.id),
      payment,
    };
  }
}
