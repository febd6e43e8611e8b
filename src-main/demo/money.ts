/**
 * What each demo enrollment owes and what was paid on it: an instalment plan of one
 * to four monthly parts that adds up exactly to the agreed price less the discount,
 * and payments that are on time, partial, late, missing, early, or now and then
 * paid twice — the mix a real school's overdue list and balances have to handle.
 * A trial pays less often; a few confirmed enrollments have no plan at all yet.
 */
import { addDaysIso, monthlyDates } from '../../src-shared/dates';
import type { EnrollmentStatus, PaymentMethod } from '../../src-shared/domain';
import { splitEvenly } from '../../src-shared/money';
import { clampToday, type DemoSchool } from './school';

const billable = new Set<EnrollmentStatus>(['trial', 'confirmed', 'completed', 'transferred']);

/** An enrollment as its bill needs it. */
export interface Bill {
  clientId: string;
  enrollmentId: string;
  status: EnrollmentStatus;
  owedMinor: number;
  /** The cohort's start day, or the day the interest began: the first instalment falls due about then. */
  startsOn: string;
}

export function billEnrollment(school: DemoSchool, bill: Bill): void {
  const { rng } = school;
  const owed = bill.owedMinor;
  if (!billable.has(bill.status) || owed <= 0) return;
  if (bill.status === 'confirmed' && rng.chance(0.04)) return;
  const instalmentCount =
    owed < school.price(60)
      ? 1
      : rng.weighted([
          [1, 35],
          [2, 15],
          [3, 25],
          [4, 25],
        ] as const);
  const firstDueOn = addDaysIso(bill.startsOn, -rng.int(0, 7));
  const amounts = splitEvenly(owed, instalmentCount, school.unitMinor);
  const dueDates = monthlyDates(firstDueOn, instalmentCount);
  for (let i = 0; i < instalmentCount; i++) {
    const dueOn = dueDates[i] as string;
    const amountMinor = amounts[i] as number;
    school.write({ op: 'insert', table: 'instalments', values: { enrollmentId: bill.enrollmentId, dueOn, amountMinor, note: null } });
    school.counts.instalments++;
    const { paidMinor, paidOn } = paymentOf(school, bill.status, dueOn, amountMinor);
    if (paidMinor > 0) writePayment(school, bill, paidMinor, paidOn);
  }
}

/**
 * How much of one instalment was paid, and when: one due by today is mostly paid in
 * full around its day, sometimes in part or not at all; one not yet due is
 * sometimes paid early; a very few are paid twice over.
 */
function paymentOf(
  school: DemoSchool,
  status: EnrollmentStatus,
  dueOn: string,
  amountMinor: number,
): { paidMinor: number; paidOn: string } {
  const { rng, today, unitMinor } = school;
  let paidMinor = 0;
  let paidOn = dueOn;
  if (dueOn <= today) {
    const trialDiscount = status === 'trial' ? 0.5 : 0;
    const outcome = rng.weighted([
      ['full', 72 - trialDiscount * 60],
      ['partial', 12],
      ['none', 16 + trialDiscount * 48],
    ] as const);
    paidMinor =
      outcome === 'full'
        ? amountMinor
        : outcome === 'partial'
          ? Math.min(amountMinor - unitMinor, school.roundToUnit(amountMinor * rng.pick([0.3, 0.5, 0.7])))
          : 0;
    paidOn = clampToday(school, addDaysIso(dueOn, rng.int(-10, 12)));
  } else if (rng.chance(0.15)) {
    paidMinor = amountMinor;
    paidOn = addDaysIso(today, -rng.int(0, 20));
  }
  if (paidMinor > 0 && rng.chance(0.005)) paidMinor += amountMinor;
  return { paidMinor, paidOn };
}

function writePayment(school: DemoSchool, bill: Bill, paidMinor: number, paidOn: string): void {
  const { rng, staff, words } = school;
  const method: PaymentMethod = rng.weighted([
    ['transfer', 45],
    ['cash', 30],
    ['card', 25],
  ] as const);
  school.write({
    op: 'insert',
    table: 'payments',
    values: {
      clientId: bill.clientId,
      enrollmentId: bill.enrollmentId,
      paidOn,
      amountMinor: paidMinor,
      method,
      reference: method === 'transfer' ? `${words.transferRef}-${rng.digits(8)}` : null,
      receivedBy: rng.pick(staff),
    },
  });
  school.counts.payments++;
}
