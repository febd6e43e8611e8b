/**
 * Prepaid packages ("10 lessons", a monthly pass, 课时包, абонемент), the school's
 * rules for what roll call takes from them, and make-ups. Spread into the lessons
 * area (lessons-methods.ts), whose roll call they read.
 *
 * Selling and pausing a package needs `payments.write`, which the assistant holds:
 * selling at the desk is taking money. A balance is shown in lessons to anyone who
 * may see that client's money; the school's liability (what it still owes in
 * lessons already paid for) is a sum across clients and needs `finance.read`. The
 * rules themselves are settings (`workspace.manage`). Booking a make-up is part of
 * looking after enrollments (`enrollments.write`), as roll call is.
 */
import { z } from 'zod';
import { paymentMethods } from '../domain';
import { packageUnits, type PackageUnit } from '../lesson-credit';
import { byId, empty, idSchema, isoDate, moneyMinor, optionalText, read, write, type MethodSpec } from './spec';
import type { LessonView, RollCall } from './lessons-methods';

export interface PackageFreezeView {
  id: string;
  startsOn: string;
  endsOn: string;
  note: string | null;
}

/** A package with what is left of it, worked out from roll call on every read. */
export interface PackageView {
  id: string;
  holderClientId: string;
  holderName: string;
  enrollmentId: string | null;
  /** "Program (group)" of the enrollment it is bound to. */
  enrollmentLabel: string | null;
  programId: string | null;
  programName: string | null;
  unit: PackageUnit;
  /** Lessons bought, or money put on it (minor units). */
  quantity: number;
  lessonValueMinor: number | null;
  priceMinor: number;
  startsOn: string;
  expiresOn: string | null;
  /** The expiry moved back by the frozen days. */
  usableUntil: string | null;
  expired: boolean;
  frozenNow: boolean;
  freezes: PackageFreezeView[];
  /** Units used: lessons, or minor units of money. */
  used: number;
  /** Units left; below zero when lessons were taken on credit. */
  remaining: number;
  /** What is left in whole lessons (for a money package, what it still pays for). */
  lessonsLeft: number;
  paymentId: string | null;
  notes: string | null;
  createdAt: string;
}

/** A package Today lists: running low, on credit, or about to end. */
export interface PackageAlert {
  kind: 'low' | 'credit' | 'expiring';
  packageId: string;
  clientId: string;
  clientName: string;
  programName: string | null;
  lessonsLeft: number;
  usableUntil: string | null;
  /** Days until it can no longer be used (expiring only). */
  daysLeft: number | null;
}

export interface PackageLiability {
  asOf: string;
  /** Unused value of every package still running: lessons paid for and not yet given. */
  liabilityMinor: number;
  lessonsOwed: number;
  activePackages: number;
}

export interface LessonRules {
  packageAbsentDeducts: boolean;
  packageExcusedDeducts: boolean;
  packageLowLessons: number;
  packageExpiryWarnDays: number;
  makeupWithinDays: number;
  makeupsPerTerm: number;
}

export interface MakeupCreditView {
  lessonId: string;
  on: string;
  until: string;
  usedBy: string | null;
}

export interface MakeupOptions {
  enrollmentId: string;
  clientName: string;
  programName: string;
  credits: MakeupCreditView[];
  /** Credits still open (unused, not past their window). */
  open: number;
  /** Make-ups booked and not yet taken at roll call (each may be cancelled, giving its credit back). */
  booked: LessonView[];
  /** Lessons of other groups of the same program, with a free seat, inside an open credit's window. */
  lessons: (LessonView & { freeSeats: number | null })[];
}

const count = (max: number) => z.number().int().min(0).max(max);

export const packagesMethods = {
  'packages.list': read<PackageView[]>()(
    'payments.read',
    z.object({ clientId: idSchema }),
    'The packages a client may use (their own, their guardian’s, their enrollments’) with what is left of each.',
  ),
  'packages.sell': write<PackageView>()(
    'payments.write',
    z
      .object({
        holderClientId: idSchema,
        enrollmentId: idSchema.nullish(),
        programId: idSchema.nullish(),
        unit: z.enum(packageUnits),
        quantity: z.number().int().min(1, 'Must be more than zero').max(1e12),
        lessonValueMinor: moneyMinor.nullish(),
        priceMinor: moneyMinor,
        startsOn: isoDate,
        expiresOn: isoDate.nullish(),
        notes: optionalText(1000),
        /** Record the price as a payment of the holder now (the usual sale at the desk); null when it was paid otherwise. */
        payment: z.object({ method: z.enum(paymentMethods).default('cash'), paidOn: isoDate.optional() }).nullish(),
      })
      .refine((p) => !p.expiresOn || p.expiresOn >= p.startsOn, { path: ['expiresOn'], message: 'The end is before the start' })
      .refine((p) => p.unit !== 'money' || (p.lessonValueMinor ?? 0) > 0, {
        path: ['lessonValueMinor'],
        message: 'Must be more than zero',
      }),
    'Sell a prepaid package to a client (for one enrollment, or for the client and their children), recording its payment.',
  ),
  'packages.freeze': write<PackageView>()(
    'payments.write',
    z
      .object({ packageId: idSchema, startsOn: isoDate, endsOn: isoDate, note: optionalText(500) })
      .refine((f) => f.startsOn <= f.endsOn, { path: ['endsOn'], message: 'The end is before the start' }),
    'Pause a package for some days: lessons then take nothing from it, and its expiry moves back as many days.',
  ),
  'packages.unfreeze': write<PackageView>()(
    'payments.write',
    z.object({ freezeId: idSchema, from: isoDate.optional() }),
    'End a freeze early (the package is usable again from `from`, today when not given) or, from its first day, take it back; the expiry moves forward by the days given back.',
  ),
  'packages.delete': write<{ id: string }>()('records.delete', byId, 'Delete a package sold in error (its payment stays; void it apart).'),
  'packages.liability': read<PackageLiability>()(
    'finance.read',
    z.object({ asOf: isoDate.optional() }).default({}),
    'What the school owes in lessons paid for and not yet given, over every running package.',
  ),
  'lessonRules.get': read<LessonRules>()('workspace.read', empty, 'The school’s rules for packages and make-ups.'),
  'lessonRules.update': write<LessonRules>()(
    'workspace.manage',
    z
      .object({
        packageAbsentDeducts: z.boolean(),
        packageExcusedDeducts: z.boolean(),
        packageLowLessons: count(100),
        packageExpiryWarnDays: count(365),
        makeupWithinDays: count(365),
        makeupsPerTerm: count(100),
      })
      .partial(),
    'Change what roll call takes from packages, when Today warns, and the make-up limits.',
  ),
  'makeups.options': read<MakeupOptions>()(
    'clients.read',
    z.object({ enrollmentId: idSchema }),
    'An enrollment’s make-up credits, and the lessons of other groups of its program it could make one up in.',
  ),
  'makeups.book': write<RollCall>()(
    'enrollments.write',
    z.object({ enrollmentId: idSchema, lessonId: idSchema }),
    'Book a make-up: the person joins a lesson of another group of the same program as a make-up guest, using an open credit.',
  ),
  'makeups.cancel': write<RollCall>()(
    'enrollments.write',
    z.object({ enrollmentId: idSchema, lessonId: idSchema }),
    'Cancel a booked make-up: the guest leaves that lesson’s roll call and the credit it used is open again.',
  ),
} as const satisfies Record<string, MethodSpec>;
