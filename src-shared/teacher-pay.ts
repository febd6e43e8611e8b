/**
 * The pure rules of teachers' pay: which rate applies to a lesson (the teacher's
 * rate for that program if there is one, else their rate for any program; the
 * newest valid on the lesson's day), and what one lesson earns under it. Pure, so
 * each basis is unit-tested without a database (tests/unit/teacher-pay.test.ts),
 * and the report, its CSV and its XLSX all use the same sums.
 */
export const payBases = ['lesson', 'hour', 'student', 'revenue'] as const;
export type PayBasis = (typeof payBases)[number];

export interface PayRate {
  id: string;
  teacherId: string;
  programId: string | null;
  basis: PayBasis;
  /** Per lesson, per hour or per present student, in minor units. */
  amountMinor: number;
  /** For a revenue share: percent of what the lesson's students paid for it. */
  sharePercent: number;
  validFrom: string;
}

/** The rate for a teacher's lesson of a program on a day: program-specific before general, newest valid first. */
export function rateFor(rates: readonly PayRate[], teacherId: string, programId: string, on: string): PayRate | null {
  const valid = rates.filter((r) => r.teacherId === teacherId && r.validFrom <= on);
  const newest = (list: PayRate[]) =>
    list.sort((a, b) => (a.validFrom === b.validFrom ? (a.id < b.id ? 1 : -1) : a.validFrom < b.validFrom ? 1 : -1))[0] ?? null;
  return newest(valid.filter((r) => r.programId === programId)) ?? newest(valid.filter((r) => r.programId === null));
}

/** What the pay of one lesson is worked out from. */
export interface PaidLesson {
  minutes: number;
  /** Students marked present, late or make-up. */
  present: number;
  /** What the students who were there paid for this one lesson (minor units). */
  revenueMinor: number;
}

/** One lesson's pay under a rate, in minor units (rounded to the nearest unit). */
export function lessonPay(rate: Pick<PayRate, 'basis' | 'amountMinor' | 'sharePercent'>, lesson: PaidLesson): number {
  switch (rate.basis) {
    case 'lesson':
      return rate.amountMinor;
    case 'hour':
      return Math.round((rate.amountMinor * lesson.minutes) / 60);
    case 'student':
      return rate.amountMinor * lesson.present;
    case 'revenue':
      return Math.round((lesson.revenueMinor * rate.sharePercent) / 100);
  }
}
