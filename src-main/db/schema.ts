/**
 * The whole data model as drizzle tables. Table and column names are a contract
 * (DESIGN.md "Data model"): sync files, the CLI's JSON and the import mappings
 * all speak these names, so renaming one is a migration plus a sync-format change.
 *
 * Two kinds of table live here:
 *  - synced tables: every row has `id` (UUIDv7), `created_at`, `updated_at`,
 *    `deleted_at`, and every write goes through the funnel (`db/funnel.ts`),
 *    which records one `change_log` row per row write (read per column through
 *    the `changes` view);
 *  - local tables (`change_log`, `local_state`): this device's own bookkeeping,
 *    never sent anywhere.
 *
 * Rules that keep sync possible (they cannot be retrofitted):
 *  - no UNIQUE constraint on user data: two offline machines may both create
 *    the same person; people merge duplicates, the database does not refuse them;
 *  - nothing derived is stored (balances, instalment states, seats taken);
 *  - payments, allocations, attendance, activities and status history are
 *    append-only: a void is a status, never an edit of an amount.
 */
import { getTableColumns, sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, sqliteView, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/** Columns every synced row carries. */
const rowMeta = () => ({
  id: text('id').primaryKey(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deletedAt: text('deleted_at'),
});

export const settings = sqliteTable('settings', {
  ...rowMeta(),
  schoolName: text('school_name').notNull(),
  currency: text('currency').notNull(),
  locale: text('locale').notNull(),
  timeZone: text('time_zone').notNull(),
  weekStart: integer('week_start').notNull().default(1),
  country: text('country'),
  /** Lock the app after this many idle minutes (0 = never). */
  idleLockMinutes: integer('idle_lock_minutes').notNull().default(15),
  /** Owner's toggle: may an assistant set or change agreed prices, discounts and instalments? */
  assistantCanEditPrices: integer('assistant_can_edit_prices', { mode: 'boolean' }).notNull().default(true),
  /** Daily reminder time, HH:mm in the school's time zone. */
  reminderTime: text('reminder_time').notNull().default('08:00'),
  /** Today screen horizons, in days. */
  dueSoonDays: integer('due_soon_days').notNull().default(7),
  startSoonDays: integer('start_soon_days').notNull().default(14),
  /** Prepaid balance under which a client is listed as low (minor units; null = off). */
  lowBalanceMinor: integer('low_balance_minor'),
  /**
   * How the owner left the first-run wizard: 'import' | 'demo' | 'empty', or 'skipped';
   * null while it has not been finished. Synced, so no second machine asks again.
   */
  wizardOutcome: text('wizard_outcome'),
  /** The owner closed the setup checklist on Today before every step was done. */
  checklistDismissed: integer('checklist_dismissed', { mode: 'boolean' }).notNull().default(false),
  /**
   * The school's own lists (reports and marketing), JSON arrays of strings: the client
   * fields every write path requires, and the values offered for source channels,
   * reasons lost and tags. A value is a key the app translates (website, price) or a
   * word the school typed, shown as typed.
   */
  requiredClientFields: text('required_client_fields').notNull().default('[]'),
  sourceChannels: text('source_channels').notNull().default('["website","referral","social","fair","open_day","ad","walk_in","other"]'),
  lostReasons: text('lost_reasons').notNull().default('["price","schedule","distance","no_reply","chose_other","other"]'),
  clientTags: text('client_tags').notNull().default('[]'),
  // Receipts (issue 17 item 5): the school's details printed on every receipt.
  schoolAddress: text('school_address'),
  taxId: text('tax_id'),
  /** The school's logo as a data: URL (PNG/JPEG/SVG, at most ~200 kB), printed on receipts. */
  logoDataUrl: text('logo_data_url'),
  // Lessons area (issue 16): the school's rules for prepaid packages and make-ups.
  /** An absence without notice uses up a prepaid lesson. */
  packageAbsentDeducts: integer('package_absent_deducts', { mode: 'boolean' }).notNull().default(true),
  /** An excused absence uses up a prepaid lesson. */
  packageExcusedDeducts: integer('package_excused_deducts', { mode: 'boolean' }).notNull().default(false),
  /** A package with this many lessons left or fewer is listed on Today. */
  packageLowLessons: integer('package_low_lessons').notNull().default(2),
  /** A package that ends within this many days is listed on Today. */
  packageExpiryWarnDays: integer('package_expiry_warn_days').notNull().default(14),
  /** An excused absence may be made up within this many days. */
  makeupWithinDays: integer('makeup_within_days').notNull().default(30),
  /** At most this many make-ups per enrollment (one group's term). */
  makeupsPerTerm: integer('makeups_per_term').notNull().default(2),
});

export const users = sqliteTable(
  'users',
  {
    ...rowMeta(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    passwordHash: text('password_hash'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('users_username_idx').on(t.username)],
);

export const programs = sqliteTable(
  'programs',
  {
    ...rowMeta(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    description: text('description'),
    defaultPriceMinor: integer('default_price_minor'),
    defaultCapacity: integer('default_capacity'),
    lessonCount: integer('lesson_count'),
    lessonMinutes: integer('lesson_minutes'),
    color: text('color'),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    importBatchId: text('import_batch_id').references((): AnySQLiteColumn => importBatches.id),
  },
  (t) => [index('programs_name_idx').on(t.name), index('programs_import_batch_idx').on(t.importBatchId)],
);

export const teachers = sqliteTable(
  'teachers',
  {
    ...rowMeta(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    userId: text('user_id').references(() => users.id),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('teachers_name_idx').on(t.name), index('teachers_user_idx').on(t.userId)],
);

export const rooms = sqliteTable(
  'rooms',
  {
    ...rowMeta(),
    name: text('name').notNull(),
    capacity: integer('capacity'),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('rooms_name_idx').on(t.name)],
);

export const cohorts = sqliteTable(
  'cohorts',
  {
    ...rowMeta(),
    programId: text('program_id')
      .notNull()
      .references(() => programs.id),
    name: text('name').notNull(),
    teacherId: text('teacher_id').references(() => teachers.id),
    roomId: text('room_id').references(() => rooms.id),
    startOn: text('start_on'),
    endOn: text('end_on'),
    /** JSON: [{ weekday: 1..7 (ISO, Monday = 1), startTime: "HH:mm", minutes }] */
    schedule: text('schedule').notNull().default('[]'),
    capacity: integer('capacity'),
    minimumToRun: integer('minimum_to_run'),
    priceMinor: integer('price_minor'),
    status: text('status').notNull(),
    published: integer('published', { mode: 'boolean' }).notNull().default(false),
    importBatchId: text('import_batch_id').references((): AnySQLiteColumn => importBatches.id),
  },
  (t) => [
    index('cohorts_program_idx').on(t.programId),
    index('cohorts_teacher_idx').on(t.teacherId),
    index('cohorts_room_idx').on(t.roomId),
    index('cohorts_start_idx').on(t.startOn),
    index('cohorts_status_idx').on(t.status),
    index('cohorts_import_batch_idx').on(t.importBatchId),
  ],
);

export const clients = sqliteTable(
  'clients',
  {
    ...rowMeta(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    displayName: text('display_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    birthDate: text('birth_date'),
    guardianId: text('guardian_id').references((): AnySQLiteColumn => clients.id),
    sourceChannel: text('source_channel'),
    /** JSON array of strings */
    tags: text('tags').notNull().default('[]'),
    notes: text('notes'),
    marketingConsent: integer('marketing_consent', { mode: 'boolean' }).notNull().default(false),
    /** JSON object: columns from imported sheets that map to no field */
    extra: text('extra').notNull().default('{}'),
    importBatchId: text('import_batch_id').references(() => importBatches.id),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    /** Data quality (issue 17 item 3): set when this client was merged into another; the row is kept, archived, for undo. */
    mergedIntoId: text('merged_into_id').references((): AnySQLiteColumn => clients.id),
  },
  (t) => [
    index('clients_display_name_idx').on(t.displayName),
    index('clients_email_lower_idx').on(sql`lower(${t.email})`),
    index('clients_merged_into_idx')
      .on(t.mergedIntoId)
      .where(sql`${t.mergedIntoId} IS NOT NULL`),
    index('clients_last_name_idx').on(t.lastName, t.firstName),
    index('clients_email_idx').on(t.email),
    index('clients_phone_idx').on(t.phone),
    index('clients_guardian_idx').on(t.guardianId),
    index('clients_import_batch_idx').on(t.importBatchId),
    index('clients_updated_idx').on(t.updatedAt),
    // The few clients the list leaves out by default: its total is every client minus these,
    // so counting 100,000 live clients never walks them (services/clients.ts `countOfBaseList`).
    index('clients_deleted_idx')
      .on(t.deletedAt)
      .where(sql`${t.deletedAt} IS NOT NULL`),
    index('clients_archived_idx')
      .on(t.archived)
      .where(sql`${t.archived} <> 0 AND ${t.deletedAt} IS NULL`),
  ],
);

export const enrollments = sqliteTable(
  'enrollments',
  {
    ...rowMeta(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    programId: text('program_id')
      .notNull()
      .references(() => programs.id),
    cohortId: text('cohort_id').references(() => cohorts.id),
    status: text('status').notNull(),
    agreedPriceMinor: integer('agreed_price_minor').notNull().default(0),
    discountMinor: integer('discount_minor').notNull().default(0),
    notifyBeforeDays: integer('notify_before_days'),
    followUpOn: text('follow_up_on'),
    reasonLost: text('reason_lost'),
    source: text('source'),
    /** Where this person came from for this enrollment: one of the school's source channels (reports and marketing). */
    sourceChannel: text('source_channel'),
    /** The campaign that brought this enrollment (reports and marketing). */
    campaignId: text('campaign_id').references((): AnySQLiteColumn => campaigns.id),
    notes: text('notes'),
    importBatchId: text('import_batch_id').references(() => importBatches.id),
    /**
     * Set when the enrollment was moved to another group (status `transferred`): the
     * enrollment it became, which carries its payments and plan from then on.
     */
    transferredToId: text('transferred_to_id').references((): AnySQLiteColumn => enrollments.id),
  },
  (t) => [
    // Covering for a client's ledger (services/balances.ts) and the list's enrollment counts:
    // a page of 50 clients then reads one index page per client instead of an index page and a
    // table page, each a decrypt when cold.
    index('enrollments_client_idx').on(t.clientId, t.deletedAt, t.status, t.agreedPriceMinor, t.discountMinor, t.transferredToId, t.id),
    index('enrollments_program_idx').on(t.programId),
    index('enrollments_cohort_idx').on(t.cohortId),
    index('enrollments_status_idx').on(t.status),
    index('enrollments_follow_up_idx').on(t.followUpOn),
    index('enrollments_import_batch_idx').on(t.importBatchId),
    index('enrollments_campaign_idx').on(t.campaignId),
    // Partial: almost every row is NULL here, and a full index with ANALYZE's statistics
    // ("every key matches every row") made the planner scan the table for a client page.
    index('enrollments_transferred_to_idx')
      .on(t.transferredToId)
      .where(sql`${t.transferredToId} IS NOT NULL`),
  ],
);

/** Append-only: one row per status an enrollment entered (the first row is its creation). */
export const enrollmentStatusHistory = sqliteTable(
  'enrollment_status_history',
  {
    ...rowMeta(),
    enrollmentId: text('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    changedAt: text('changed_at').notNull(),
    changedBy: text('changed_by').references(() => users.id),
    note: text('note'),
  },
  (t) => [index('enrollment_status_history_enrollment_idx').on(t.enrollmentId, t.changedAt)],
);

export const instalments = sqliteTable(
  'instalments',
  {
    ...rowMeta(),
    enrollmentId: text('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    dueOn: text('due_on').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    note: text('note'),
    importBatchId: text('import_batch_id').references((): AnySQLiteColumn => importBatches.id),
  },
  (t) => [
    // Covering for the balance reads, which need only these columns (see enrollments_client_idx).
    index('instalments_enrollment_idx').on(t.enrollmentId, t.dueOn, t.deletedAt, t.amountMinor, t.id),
    index('instalments_due_idx').on(t.dueOn),
    index('instalments_import_batch_idx').on(t.importBatchId),
  ],
);

export const payments = sqliteTable(
  'payments',
  {
    ...rowMeta(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    enrollmentId: text('enrollment_id').references(() => enrollments.id),
    paidOn: text('paid_on').notNull(),
    /** Positive for money received, negative for a refund paid out. */
    amountMinor: integer('amount_minor').notNull(),
    method: text('method').notNull(),
    reference: text('reference'),
    receivedBy: text('received_by').references(() => users.id),
    voidedAt: text('voided_at'),
    voidReason: text('void_reason'),
    importBatchId: text('import_batch_id').references(() => importBatches.id),
  },
  (t) => [
    // Covering for the balance reads, which need only these columns (see enrollments_client_idx).
    index('payments_client_idx').on(t.clientId, t.paidOn, t.deletedAt, t.voidedAt, t.amountMinor, t.enrollmentId, t.id),
    index('payments_enrollment_idx').on(t.enrollmentId),
    index('payments_paid_on_idx').on(t.paidOn),
    index('payments_received_by_idx').on(t.receivedBy),
    index('payments_import_batch_idx').on(t.importBatchId),
  ],
);

/** Only the allocations a user pinned by hand; the rest is computed oldest-due-first. */
export const paymentAllocations = sqliteTable(
  'payment_allocations',
  {
    ...rowMeta(),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id),
    instalmentId: text('instalment_id')
      .notNull()
      .references(() => instalments.id),
    amountMinor: integer('amount_minor').notNull(),
  },
  (t) => [index('payment_allocations_payment_idx').on(t.paymentId), index('payment_allocations_instalment_idx').on(t.instalmentId)],
);

export const lessons = sqliteTable(
  'lessons',
  {
    ...rowMeta(),
    cohortId: text('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    startsOn: text('starts_on').notNull(),
    startTime: text('start_time'),
    minutes: integer('minutes'),
    teacherId: text('teacher_id').references(() => teachers.id),
    roomId: text('room_id').references(() => rooms.id),
    cancelled: integer('cancelled', { mode: 'boolean' }).notNull().default(false),
    note: text('note'),
    /** The schedule slot (date and start time) this lesson was generated for; null for an extra lesson. */
    slotOn: text('slot_on'),
    slotTime: text('slot_time'),
    /** A person changed this lesson (moved, cancelled, substitute, other room): regenerating the schedule leaves it as it is. */
    edited: integer('edited', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('lessons_cohort_idx').on(t.cohortId, t.startsOn),
    index('lessons_starts_idx').on(t.startsOn),
    index('lessons_teacher_idx').on(t.teacherId),
    index('lessons_room_idx').on(t.roomId),
  ],
);

export const attendance = sqliteTable(
  'attendance',
  {
    ...rowMeta(),
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id),
    enrollmentId: text('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    /** present | absent | excused | late | makeup; a correction is a newer row, the latest per lesson and enrollment counts */
    state: text('state').notNull(),
    note: text('note'),
  },
  (t) => [index('attendance_lesson_idx').on(t.lessonId), index('attendance_enrollment_idx').on(t.enrollmentId)],
);

/** Days the school is closed (holidays, closures), inclusive; lessons are not generated on them. */
export const closures = sqliteTable(
  'closures',
  {
    ...rowMeta(),
    name: text('name').notNull(),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
  },
  (t) => [index('closures_starts_idx').on(t.startsOn, t.endsOn)],
);

// ---- Lessons area (issue 16): prepaid packages, their freezes, and teachers' pay rates ----
// A package's balance is never stored: it is its quantity minus the attendance that
// counts against it (computed in services/lessons/packages.ts), so two machines taking
// roll call offline never fight over a counter.

/** A prepaid package ("10 lessons", a monthly pass): bought by a holder client, for one enrollment or for the holder's family. */
export const packages = sqliteTable(
  'packages',
  {
    ...rowMeta(),
    /** Who bought it; without an enrollment, usable by the holder's enrollments and those of clients whose guardian is the holder. */
    holderClientId: text('holder_client_id')
      .notNull()
      .references(() => clients.id),
    /** Only this enrollment draws on it, when set. */
    enrollmentId: text('enrollment_id').references(() => enrollments.id),
    /** Only lessons of this program draw on it, when set. */
    programId: text('program_id').references(() => programs.id),
    /** lessons | money */
    unit: text('unit').notNull(),
    /** Lessons bought, or money (minor units) put on it. */
    quantity: integer('quantity').notNull(),
    /** For a money package: what one lesson takes from it (minor units). */
    lessonValueMinor: integer('lesson_value_minor'),
    /** What the package cost. */
    priceMinor: integer('price_minor').notNull(),
    startsOn: text('starts_on').notNull(),
    /** Last day it may be used (before freezes push it back); null = no expiry. */
    expiresOn: text('expires_on'),
    /** The payment recorded when it was sold, if one was. */
    paymentId: text('payment_id').references(() => payments.id),
    notes: text('notes'),
  },
  (t) => [
    index('packages_holder_idx').on(t.holderClientId),
    index('packages_enrollment_idx').on(t.enrollmentId),
    index('packages_program_idx').on(t.programId),
    index('packages_payment_idx').on(t.paymentId),
  ],
);

/** A pause of a package (illness, holiday): lessons in it take nothing, and its expiry moves back by its days. */
export const packageFreezes = sqliteTable(
  'package_freezes',
  {
    ...rowMeta(),
    packageId: text('package_id')
      .notNull()
      .references(() => packages.id),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    note: text('note'),
  },
  (t) => [index('package_freezes_package_idx').on(t.packageId)],
);

/** What a teacher earns, for one program or (program null) for any; the newest rate valid on a lesson's day applies. */
export const teacherRates = sqliteTable(
  'teacher_rates',
  {
    ...rowMeta(),
    teacherId: text('teacher_id')
      .notNull()
      .references(() => teachers.id),
    programId: text('program_id').references(() => programs.id),
    /** lesson | hour | student | revenue */
    basis: text('basis').notNull(),
    /** Per lesson, per hour or per present student (minor units); 0 for a revenue share. */
    amountMinor: integer('amount_minor').notNull().default(0),
    /** For a revenue share: the teacher's percent of what the lesson's students paid for it. */
    sharePercent: integer('share_percent').notNull().default(0),
    validFrom: text('valid_from').notNull(),
  },
  (t) => [index('teacher_rates_teacher_idx').on(t.teacherId, t.validFrom), index('teacher_rates_program_idx').on(t.programId)],
);

export const activities = sqliteTable(
  'activities',
  {
    ...rowMeta(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    enrollmentId: text('enrollment_id').references(() => enrollments.id),
    /** call | message | visit | note | status */
    kind: text('kind').notNull(),
    occurredAt: text('occurred_at').notNull(),
    summary: text('summary').notNull(),
    userId: text('user_id').references(() => users.id),
  },
  (t) => [
    index('activities_client_idx').on(t.clientId, t.occurredAt),
    index('activities_enrollment_idx').on(t.enrollmentId),
    index('activities_user_idx').on(t.userId),
  ],
);

export const importBatches = sqliteTable(
  'import_batches',
  {
    ...rowMeta(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    /** JSON: the column mapping used */
    mapping: text('mapping').notNull().default('{}'),
    /** JSON: { created, updated, skipped, errors } */
    counts: text('counts').notNull().default('{}'),
    undoneAt: text('undone_at'),
  },
  (t) => [index('import_batches_sha_idx').on(t.sha256)],
);

/** Manual to-dos (call back, send the invoice), optionally about a client. */
export const tasks = sqliteTable(
  'tasks',
  {
    ...rowMeta(),
    title: text('title').notNull(),
    clientId: text('client_id').references(() => clients.id),
    enrollmentId: text('enrollment_id').references(() => enrollments.id),
    dueOn: text('due_on'),
    doneAt: text('done_at'),
    assignedTo: text('assigned_to').references(() => users.id),
    notes: text('notes'),
  },
  (t) => [
    index('tasks_due_idx').on(t.dueOn),
    index('tasks_client_idx').on(t.clientId),
    index('tasks_enrollment_idx').on(t.enrollmentId),
    index('tasks_assigned_idx').on(t.assignedTo),
  ],
);

/** What people did with a reminder: snoozed until a day, or dismissed. The reminders themselves are computed. */
export const reminderStates = sqliteTable(
  'reminder_states',
  {
    ...rowMeta(),
    /** The reminder's kind (follow_up, instalment_due, cohort_start, ...) */
    kind: text('kind').notNull(),
    /** The record the reminder is about (an enrollment, an instalment, a cohort...) */
    subjectId: text('subject_id').notNull(),
    snoozedUntil: text('snoozed_until'),
    dismissedAt: text('dismissed_at'),
    userId: text('user_id').references(() => users.id),
  },
  (t) => [index('reminder_states_subject_idx').on(t.kind, t.subjectId), index('reminder_states_user_idx').on(t.userId)],
);

/** Message templates with merge fields, one per purpose, language and channel. */
export const messageTemplates = sqliteTable(
  'message_templates',
  {
    ...rowMeta(),
    name: text('name').notNull(),
    /** What it is for: payment_reminder, cohort_start, new_cohort_invite, follow_up, custom */
    purpose: text('purpose').notNull(),
    /** BCP 47 language tag: hu, zh-CN, en */
    language: text('language').notNull(),
    /** email | text */
    channel: text('channel').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('message_templates_purpose_idx').on(t.purpose, t.language)],
);

/** Column mappings people confirmed on import, reused for the next file with the same headers. */
export const importMappings = sqliteTable(
  'import_mappings',
  {
    ...rowMeta(),
    /** A hash of the normalised header row */
    signature: text('signature').notNull(),
    headers: text('headers').notNull().default('[]'),
    /** JSON: column index -> field */
    mapping: text('mapping').notNull().default('{}'),
  },
  (t) => [index('import_mappings_signature_idx').on(t.signature)],
);

/** Saved grid views ("Thinking - call back", "Overdue"): filters, sort and columns. */
export const savedViews = sqliteTable(
  'saved_views',
  {
    ...rowMeta(),
    /** Which grid: clients, enrollments, payments, cohorts... */
    grid: text('grid').notNull(),
    name: text('name').notNull(),
    /** JSON: { filters, sort, columns } */
    config: text('config').notNull().default('{}'),
    /** Owner of a personal view; null = shared with everyone */
    userId: text('user_id').references(() => users.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('saved_views_grid_idx').on(t.grid, t.position), index('saved_views_user_idx').on(t.userId)],
);

/**
 * The change log (local table, but its entries are what sync ships). One row per
 * row write: `values` is a JSON object of every column the write set (column ->
 * the column's value as JSON), in the order written; `previous` holds what an
 * update replaced (the same keys, or fewer for a sync merge that lost a column),
 * NULL for a new row. Storing a write once instead of once per column keeps the
 * per-write metadata (hlc, tx, device, user, table, row) from being repeated for
 * every column, which was most of the file on a large school. `seq` is this
 * database's own order (all columns of one write share it: a write is atomic);
 * `hlc` is the cross-device order. `tx` groups the writes of one funnel call (one
 * user action), which is what undo reverts and the audit history shows as one change.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    /** The HLC's wall-clock milliseconds and counter; its device is the source's (changes/log-codec.ts). */
    hlcMs: integer('hlc_ms').notNull(),
    hlcCounter: integer('hlc_counter').notNull(),
    /** change_sources.id: the action, device and user of the write */
    source: integer('source').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    /**
     * JSON object: column key (change_columns) -> new value; `[]` stands for the write's own time.
     * NULL for a write stored by reference: its values are the live row's (changes/log-codec.ts).
     */
    values: text('values'),
    /** JSON object: column key -> value before the write; null for a new row. For audit and undo */
    previous: text('previous'),
  },
  // Two narrow indexes (and a partial one) only: each index here is paid on every keystroke that saves.
  // A record's history (audit, per-column last-writer lookup in sync) goes through
  // (table, row); undo through the action's source; the global log and sync export
  // walk `seq`, the rowid, which needs no index. Row ids are UUIDv7, unique across
  // tables, so the row index leaves the table name out (the lookup checks it on the row).
  // The erase entries alone have a third, partial index: undo finds the actions it must
  // never offer without reading the whole log.
  (t) => [
    index('change_log_row_idx').on(t.rowId),
    index('change_log_source_idx').on(t.source),
    index('change_log_erase_idx')
      .on(t.source)
      .where(sql`${t.tableName} = 'erasures'`),
  ],
);

/** Who wrote a change: one row per (action, device, user), which every write of that action points at. Local. */
export const changeSources = sqliteTable(
  'change_sources',
  {
    id: integer('id').primaryKey(),
    tx: text('tx').notNull(),
    deviceId: text('device_id').notNull(),
    /** '' when no user acted (the first run) */
    userId: text('user_id').notNull(),
  },
  (t) => [uniqueIndex('change_sources_tx_idx').on(t.tx, t.deviceId, t.userId)],
);

/** The short key each logged column is stored under in `change_log.values`/`previous`. Local to this file. */
export const changeColumns = sqliteTable(
  'change_columns',
  {
    tableName: text('table_name').notNull(),
    key: text('key').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.key] }), uniqueIndex('change_columns_name_idx').on(t.tableName, t.name)],
);

/** Local key/value state of this device: device id, last HLC, sync cursors. Never synced. */
export const localState = sqliteTable('local_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Sync's local bookkeeping (never synced): remote change entries waiting for a row
 * or a foreign-key target that has not arrived yet (parked, retried after every
 * apply, never dropped), how far each peer device's files have been applied, and
 * the entries this replica refused (shown in sync status).
 */
export const syncParked = sqliteTable(
  'sync_parked',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    hlc: text('hlc').notNull(),
    tx: text('tx').notNull(),
    deviceId: text('device_id').notNull(),
    userId: text('user_id'),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    column: text('column').notNull(),
    value: text('value'),
    reason: text('reason').notNull(),
  },
  (t) => [index('sync_parked_row_idx').on(t.tableName, t.rowId)],
);

export const syncPeers = sqliteTable('sync_peers', {
  deviceId: text('device_id').primaryKey(),
  appliedSeq: integer('applied_seq').notNull().default(0),
  lastSeenAt: text('last_seen_at'),
});

export const syncRejections = sqliteTable('sync_rejections', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  deviceId: text('device_id').notNull(),
  fileSeq: integer('file_seq'),
  tx: text('tx'),
  reason: text('reason').notNull(),
  detail: text('detail'),
  at: text('at').notNull(),
});

/**
 * The tombstone list (local, never synced as rows): every record this replica
 * erased for good, whether by the owner's purge, by an erase entry that arrived
 * through sync, or because it hung off an erased record. Sync drops every later
 * entry about these ids, so an edit made offline elsewhere never brings an erased
 * record back; `hlc`/`tx`/`device_id`/`user_id` are the erase entry's when one
 * was logged (null for rows erased only as dependents here). A copy lives beside
 * the database file (changes/erasure.ts), so restoring an old backup erases again.
 */
export const erasures = sqliteTable('erasures', {
  rowId: text('row_id').primaryKey(),
  tableName: text('table_name').notNull(),
  erasedAt: text('erased_at').notNull(),
  hlc: text('hlc'),
  tx: text('tx'),
  deviceId: text('device_id'),
  userId: text('user_id'),
});

/**
 * Sources, campaigns and the school's own lists (reports and marketing). A campaign
 * is something the school paid for to bring people in — an open day, a fair, an
 * ad — with its cost, dates and the source channel it feeds; an open day's
 * registrations are the enrollments of the (event) cohort it names. Return per
 * campaign is computed from the payments of enrollments that name it, never stored.
 */
export const campaigns = sqliteTable(
  'campaigns',
  {
    ...rowMeta(),
    name: text('name').notNull(),
    /** open_day | fair | ad | other */
    kind: text('kind').notNull(),
    /** One of the school's source channels (settings.source_channels). */
    channel: text('channel'),
    startsOn: text('starts_on'),
    endsOn: text('ends_on'),
    costMinor: integer('cost_minor').notNull().default(0),
    /** The cohort an open day's registrations are enrolled in. */
    cohortId: text('cohort_id').references(() => cohorts.id),
    notes: text('notes'),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('campaigns_starts_idx').on(t.startsOn), index('campaigns_cohort_idx').on(t.cohortId)],
);

// Receipts (issue 17 item 5). A receipt is numbered `<year>-<device code>-<seq>`: each device
// counts its own sequence per year, so two offline machines never hand out the same number and
// the numbers of one device have no gaps (a void keeps its number, marked void).
export const receipts = sqliteTable(
  'receipts',
  {
    ...rowMeta(),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id),
    year: integer('year').notNull(),
    deviceCode: text('device_code').notNull(),
    seq: integer('seq').notNull(),
    issuedOn: text('issued_on').notNull(),
    /** The language the receipt was issued in (BCP 47), so a reprint reads the same. */
    locale: text('locale').notNull(),
    voidedAt: text('voided_at'),
    voidReason: text('void_reason'),
  },
  (t) => [index('receipts_number_idx').on(t.year, t.deviceCode, t.seq), index('receipts_payment_idx').on(t.paymentId)],
);

export const syncedTables = {
  settings,
  users,
  programs,
  teachers,
  rooms,
  cohorts,
  clients,
  enrollments,
  enrollment_status_history: enrollmentStatusHistory,
  instalments,
  payments,
  payment_allocations: paymentAllocations,
  lessons,
  attendance,
  activities,
  import_batches: importBatches,
  tasks,
  reminder_states: reminderStates,
  message_templates: messageTemplates,
  import_mappings: importMappings,
  saved_views: savedViews,
  closures,
  campaigns,
  receipts,
  packages,
  package_freezes: packageFreezes,
  teacher_rates: teacherRates,
} as const;

export type SyncedTableName = keyof typeof syncedTables;

/** The columns of a synced table that are not its id nor its times. */
const metaNames: ReadonlySet<string> = new Set(['id', 'created_at', 'updated_at', 'deleted_at']);

/**
 * The columns an insert logs, in the order the funnel sets them: the row's two
 * times, then the table's own columns in schema order (`deleted_at` is never set
 * by an insert). A write stored by reference (changes/log-codec.ts) reads these
 * from the live row, the non-null ones, in this order.
 */
export function insertedColumns(table: SyncedTableName): string[] {
  const names = Object.values(getTableColumns(syncedTables[table])).map((column) => column.name);
  return ['created_at', 'updated_at', ...names.filter((name) => !metaNames.has(name))];
}

/** `json_object(column name, value, …)` of the live row `r` of `table`, over `insertedColumns`. */
export function liveRowObject(table: SyncedTableName): string {
  return `json_object(${insertedColumns(table)
    .map((name) => `'${name}', r."${name}"`)
    .join(', ')})`;
}

/**
 * The text of the `changes` view. A write stored by reference (`values` NULL)
 * reads its columns, by name, from its live row (one CASE arm per synced table),
 * the null ones left out as the funnel leaves them out of an insert; every other
 * write reads its stored `values` as before.
 */
export function changesViewSql(): string {
  const arms = (Object.keys(syncedTables) as SyncedTableName[])
    .map((table) => `WHEN '${table}' THEN (SELECT ${liveRowObject(table)} FROM "${table}" r WHERE r.id = c.row_id)`)
    .join(' ');
  return `SELECT c.seq, printf('%015d-%05d-%s', c.hlc_ms, c.hlc_counter, s.device_id) AS hlc, s.tx, s.device_id, nullif(s.user_id, '') AS user_id, c.table_name, c.row_id, CASE WHEN c."values" IS NULL THEN j.key ELSE k.name END AS "column", CASE WHEN c."values" IS NULL THEN json_quote(j.value) WHEN j.type = 'array' THEN json_quote(strftime('%Y-%m-%dT%H:%M:%S', c.hlc_ms / 1000, 'unixepoch') || printf('.%03dZ', c.hlc_ms % 1000)) ELSE c."values" -> j.fullkey END AS value, c.previous -> j.fullkey AS previous FROM change_log c LEFT JOIN change_sources s ON s.id = c.source, json_each(coalesce(c."values", CASE c.table_name ${arms} END)) j LEFT JOIN change_columns k ON c."values" IS NOT NULL AND k.table_name = c.table_name AND k.key = j.key WHERE c."values" IS NOT NULL OR j.type <> 'null'`;
}

/**
 * The change log read one entry per column written, as it was stored before the
 * log kept one row per write: every reader (sync, undo, audit, purge, exports,
 * Today's caches) keeps asking for (seq, hlc, tx, device, user, table, row,
 * column, value, previous), whatever the storage (changes/log-codec.ts).
 * `value`/`previous` are the column's JSON text (a write stored by reference reads
 * its values from the live row: `changesViewSql`); `previous` is NULL when the write
 * recorded none. Writes (INSERT, UPDATE, DELETE) go to `change_log`; a change mark
 * (`max(seq)`) is read from the table, which answers from the rowid's end.
 */
export const changes = sqliteView('changes', {
  seq: integer('seq').notNull(),
  hlc: text('hlc').notNull(),
  tx: text('tx').notNull(),
  deviceId: text('device_id').notNull(),
  userId: text('user_id'),
  tableName: text('table_name').notNull(),
  rowId: text('row_id').notNull(),
  column: text('column').notNull(),
  value: text('value'),
  previous: text('previous'),
}).as(sql.raw(changesViewSql()));

/** Tables whose rows are never edited after creation (money and history are appended, not merged). */
export const appendOnlyTables: ReadonlySet<SyncedTableName> = new Set([
  'enrollment_status_history',
  'payment_allocations',
  'activities',
  'attendance',
]);
