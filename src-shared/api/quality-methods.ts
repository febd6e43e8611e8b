/**
 * Data quality: how complete and well-formed the school's records are, the
 * clients that may be one person twice and their merge, and archiving clients
 * who have not enrolled for a while. Nothing here carries money, so every role
 * that reads clients reads it; merging and archiving write clients, so they need
 * `clients.write` (and the merge's moved payments need what moving them needs,
 * judged in the service by the write-rules table).
 * Joined into the contract by one spread in contract.ts.
 */
import { z } from 'zod';
import { idSchema, type MethodSpec, read, write } from './spec';

/** Client fields a school may mark as required (the same keys as its settings list). */
export const qualityClientFields = ['firstName', 'lastName', 'email', 'phone', 'birthDate', 'guardianId', 'sourceChannel'] as const;
export type QualityClientField = (typeof qualityClientFields)[number];

/** What can be wrong with one record. `missing:<field>` names a required field left empty. */
export type QualityIssue =
  | `missing:${QualityClientField}`
  | 'missing:contact'
  | 'invalid_phone'
  | 'invalid_email'
  | 'minor_without_guardian'
  | 'enrollment_without_group'
  | 'lost_without_reason'
  | 'open_without_follow_up';

export interface QualityTableScore {
  table: 'clients' | 'enrollments';
  /** Live records looked at. */
  total: number;
  /** Records with no issue. */
  clean: number;
  /** 0-100: the share of clean records, rounded down. */
  score: number;
  /** How many records have each issue. */
  issues: Partial<Record<QualityIssue, number>>;
}

export interface QualityProblem {
  table: 'clients' | 'enrollments';
  id: string;
  clientId: string;
  name: string;
  issues: QualityIssue[];
}

export interface QualityReport {
  /** The client fields checked: the school's list, or name + phone-or-email + guardian for minors when it has none. */
  required: (QualityClientField | 'contact')[];
  tables: QualityTableScore[];
  /** The first records with issues (at most 500), to open and fix. */
  problems: QualityProblem[];
}

export const duplicateReasons = ['phone', 'email', 'name', 'guardian'] as const;
export type DuplicateReason = (typeof duplicateReasons)[number];

export interface DuplicateCandidate {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  guardianName: string | null;
  archived: boolean;
  createdAt: string;
}

export interface DuplicateGroup {
  /** The ids of the group, sorted and joined: stable while the group is. */
  key: string;
  reasons: DuplicateReason[];
  clients: DuplicateCandidate[];
}

export const mergeFields = [
  'firstName',
  'lastName',
  'displayName',
  'email',
  'phone',
  'birthDate',
  'guardianId',
  'sourceChannel',
  'notes',
  'marketingConsent',
] as const;
export type MergeField = (typeof mergeFields)[number];

export interface MergeSide {
  id: string;
  createdAt: string;
  archived: boolean;
  values: Record<MergeField, string | boolean | null>;
  guardianName: string | null;
  tags: string[];
  /** Rows that hang off this client and move with a merge (counts only: no money). */
  counts: {
    enrollments: number;
    payments: number;
    instalments: number;
    activities: number;
    attendance: number;
    tasks: number;
    wards: number;
  };
}

export interface MergePreview {
  keep: MergeSide;
  merge: MergeSide;
}

export interface MergeResult {
  keptId: string;
  mergedId: string;
  moved: MergeSide['counts'];
}

export interface ArchiveCandidate {
  id: string;
  displayName: string;
  /** When the client's newest enrollment was last changed, or null when they never enrolled. */
  lastEnrollmentAt: string | null;
  createdAt: string;
}

export interface ArchivePreview {
  /** Clients untouched by any enrollment since this day are listed. */
  cutoff: string;
  clients: ArchiveCandidate[];
}

const months = z.number().int().min(1, 'Must be at least 1').max(240);

export const qualityMethods = {
  'quality.score': read<QualityReport>()(
    'clients.read',
    z.object({}).default({}),
    'How complete and well-formed clients and enrollments are, with the records to fix.',
  ),
  'quality.duplicates': read<DuplicateGroup[]>()(
    'clients.read',
    z.object({}).default({}),
    'Clients that may be one person twice (same phone, e-mail, a name spelled alike, same guardian).',
  ),
  'quality.mergePreview': read<MergePreview>()(
    'clients.read',
    z.object({ keepId: idSchema, mergeId: idSchema }),
    'Two clients side by side, with what would move from one to the other.',
  ),
  'quality.merge': write<MergeResult>()(
    'clients.write',
    z.object({
      keepId: idSchema,
      mergeId: idSchema,
      /** Per field, whose value the kept client ends up with; a field left out keeps the kept client's value. */
      take: z.partialRecord(z.enum(mergeFields), z.enum(['keep', 'merge'])).default({}),
    }),
    'Merges a duplicate into the kept client: every enrollment, payment, activity and task moves, the duplicate is archived; one undo reverts it.',
  ),
  'quality.archivePreview': read<ArchivePreview>()(
    'clients.read',
    z.object({ months }),
    'Clients with no enrollment for the given number of months (guardians of active clients are left out).',
  ),
  'quality.archive': write<{ archived: number }>()(
    'clients.write',
    z.object({ months, ids: z.array(idSchema).min(1).max(100_000) }),
    'Archives the listed clients that the preview for these months still lists; nothing is deleted.',
  ),
} as const satisfies Record<string, MethodSpec>;
