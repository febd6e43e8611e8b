/**
 * Message templates and the messages made from them. Tanoda sends nothing
 * itself: a school writes to parents from its own mail client and messengers, so
 * a rendered message is text plus the ways to hand it over — a `mailto:` link, a
 * WhatsApp link, a text to copy into Viber or WeChat, or a `phone,message` CSV for
 * an SMS gateway. When the user says it went out, each message is written on the
 * client's timeline as an activity.
 *
 * Templates are written per language (hu, zh-CN, en) and filled in that
 * language: dates through Intl in the template's language, money through
 * formatMoney in the workspace currency. Merge fields are a closed list; a
 * template naming an unknown field is refused when saved, so a typo shows up in
 * the editor instead of as "{frstName}" in a parent's inbox. The defaults for every
 * purpose and language come from ./default-templates.ts (created by the system at
 * init and repaired when the workspace opens), so listing and rendering only read.
 * A template that names the amount due is filled for many people at once only for
 * a role that may see money across clients (services/rights.ts); the assistant
 * sends such a reminder one person at a time.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import Papa from 'papaparse';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import {
  mergeFields,
  type MergeField,
  type MessageTemplate,
  type RenderedMessage,
  type RenderResult,
  type TemplateLanguage,
  type TemplatePurpose,
} from '../../src-shared/api/today-methods';
import type { ScheduleSlot } from '../../src-shared/api/types';
import { billableStatuses } from '../../src-shared/domain';
import { AppError, invalid, notFound } from '../../src-shared/errors';
import { formatMoney } from '../../src-shared/money';
import { applyChanges } from '../changes/funnel';
import { messageTemplates } from '../db/schema';
import { settleClients } from './balances';
import type { ServiceContext } from '../core/context';
import { reminderDay, setReminderState } from './reminders';
import { getSettings } from './settings';
import { createActivity } from './activities';
import { refuseManyClients } from './rights';

type TemplateRow = typeof messageTemplates.$inferSelect;

type Fields = Record<MergeField, string>;

export { defaultTemplates } from './default-templates';

// ---- merge fields ------------------------------------------------------------------

const known = new Set<string>(mergeFields);
const fieldPattern = /\{([A-Za-z]+)\}/g;

/** Field names in braces that are not merge fields. */
export function unknownFields(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(fieldPattern)) if (!known.has(match[1] as string)) unknown.add(match[1] as string);
  return [...unknown];
}

/** Replaces every `{field}`; a field with no value for this person becomes empty text. */
export function fillTemplate(text: string, fields: Partial<Fields>): string {
  return text.replace(fieldPattern, (whole, name: string) => (known.has(name) ? (fields[name as MergeField] ?? '') : whole));
}

/** The Intl locale a template language writes dates and money in. */
export function localeOfLanguage(language: TemplateLanguage): string {
  return language === 'hu' ? 'hu-HU' : language === 'zh-CN' ? 'zh-CN' : 'en-GB';
}

/** The template language closest to a workspace locale. */
export function languageOfLocale(locale: string): TemplateLanguage {
  const lower = locale.toLowerCase();
  if (lower.startsWith('hu')) return 'hu';
  if (lower.startsWith('zh')) return 'zh-CN';
  return 'en';
}

export function formatDay(day: string, language: TemplateLanguage): string {
  return new Intl.DateTimeFormat(localeOfLanguage(language), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

export function formatSchedule(slots: readonly ScheduleSlot[], language: TemplateLanguage): string {
  const locale = localeOfLanguage(language);
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  // 2024-01-01 was a Monday: ISO weekday n is 2024-01-0n.
  return slots
    .map((slot) => `${weekday.format(new Date(Date.UTC(2024, 0, slot.weekday, 12)))} ${slot.startTime}`)
    .join(language === 'zh-CN' ? '，' : ', ');
}

// ---- templates ------------------------------------------------------------------------

function toTemplate(row: TemplateRow): MessageTemplate {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose as TemplatePurpose,
    language: row.language as TemplateLanguage,
    channel: row.channel as MessageTemplate['channel'],
    subject: row.subject,
    body: row.body,
    archived: row.archived,
    updatedAt: row.updatedAt,
  };
}

export function listTemplates(ctx: ServiceContext, input: MethodParsedInput<'templates.list'>): MessageTemplate[] {
  const conditions = [isNull(messageTemplates.deletedAt)];
  if (!input.includeArchived) conditions.push(eq(messageTemplates.archived, false));
  if (input.purpose) conditions.push(eq(messageTemplates.purpose, input.purpose));
  return ctx.db.orm
    .select()
    .from(messageTemplates)
    .where(and(...conditions))
    .orderBy(asc(messageTemplates.purpose), asc(messageTemplates.language), asc(messageTemplates.name), asc(messageTemplates.id))
    .all()
    .map(toTemplate);
}

export function getTemplate(ctx: Pick<ServiceContext, 'db'>, id: string, path: (string | number)[] = ['id']): MessageTemplate {
  const row = ctx.db.orm
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.id, id), isNull(messageTemplates.deletedAt)))
    .get();
  if (!row) throw notFound('Template', id, path);
  return toTemplate(row);
}

function checkFields(values: { subject?: string | null | undefined; body?: string | undefined }): void {
  const fields = [];
  for (const key of ['subject', 'body'] as const) {
    const unknown = unknownFields(values[key] ?? '');
    if (unknown.length > 0) {
      const message = `Unknown merge field${unknown.length > 1 ? 's' : ''}: ${unknown.map((f) => `{${f}}`).join(', ')}`;
      fields.push({ path: [key], code: 'unknown_merge_field', message });
    }
  }
  if (fields.length > 0) throw new AppError('VALIDATION', fields.map((f) => f.message).join('; '), fields);
}

export function createTemplate(ctx: ServiceContext, input: MethodParsedInput<'templates.create'>): MessageTemplate {
  checkFields(input);
  const { ids } = applyChanges(ctx, [{ op: 'insert', table: 'message_templates', values: { ...input, subject: input.subject ?? null } }]);
  return getTemplate(ctx, ids[0] as string);
}

export function updateTemplate(ctx: ServiceContext, input: MethodParsedInput<'templates.update'>): MessageTemplate {
  getTemplate(ctx, input.id);
  checkFields(input);
  const { id, ...values } = input;
  applyChanges(ctx, [{ op: 'update', table: 'message_templates', id, values }]);
  return getTemplate(ctx, id);
}

export function deleteTemplate(ctx: ServiceContext, input: { id: string }): { id: string } {
  getTemplate(ctx, input.id);
  applyChanges(ctx, [{ op: 'delete', table: 'message_templates', id: input.id }]);
  return { id: input.id };
}

// ---- rendering --------------------------------------------------------------------------

interface Recipient {
  clientId: string;
  enrollmentId: string | null;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  email: string | null;
  phone: string | null;
  guardianName: string | null;
  guardianEmail: string | null;
  guardianPhone: string | null;
  programName: string | null;
  cohortId: string | null;
}

interface CohortInfo {
  name: string;
  programName: string;
  startOn: string | null;
  schedule: string;
}

const recipientColumns = `c.id AS clientId, c.first_name AS firstName, c.last_name AS lastName, c.display_name AS displayName, c.email AS email, c.phone AS phone,
  g.display_name AS guardianName, g.email AS guardianEmail, g.phone AS guardianPhone`;

function recipientsOf(ctx: ServiceContext, input: MethodParsedInput<'messages.render'>, asOf: string): Recipient[] {
  const { sqlite } = ctx.db;
  const byEnrollment = (where: string, param: string) =>
    sqlite
      .prepare(
        `SELECT ${recipientColumns}, e.id AS enrollmentId, p.name AS programName, e.cohort_id AS cohortId
         FROM enrollments e JOIN clients c ON c.id = e.client_id JOIN programs p ON p.id = e.program_id
         LEFT JOIN clients g ON g.id = c.guardian_id AND g.deleted_at IS NULL
         WHERE e.deleted_at IS NULL AND c.deleted_at IS NULL AND ${where} ORDER BY c.display_name, e.id`,
      )
      .all(param) as Recipient[];

  if (input.enrollmentIds?.length) {
    const rows = byEnrollment('e.id IN (SELECT value FROM json_each(?))', JSON.stringify(input.enrollmentIds));
    const found = new Set(rows.map((r) => r.enrollmentId));
    const missing = input.enrollmentIds.findIndex((id) => !found.has(id));
    if (missing >= 0) throw notFound('Enrollment', input.enrollmentIds[missing] as string, ['enrollmentIds', missing]);
    return rows;
  }
  if (input.cohortId) {
    return byEnrollment("e.cohort_id = ? AND e.status IN ('inquiry', 'thinking', 'trial', 'waitlist', 'confirmed')", input.cohortId);
  }
  if (input.overdue) {
    const clientIds = sqlite
      .prepare(
        'SELECT DISTINCT e.client_id FROM instalments i JOIN enrollments e ON e.id = i.enrollment_id WHERE i.deleted_at IS NULL AND e.deleted_at IS NULL AND i.due_on < ?',
      )
      .pluck()
      .all(asOf) as string[];
    const overdueEnrollments = new Set<string>();
    for (const settlement of settleClients(ctx, clientIds, asOf).values()) {
      for (const [id, e] of settlement.enrollments) if (e.overdueMinor > 0) overdueEnrollments.add(id);
    }
    return byEnrollment('e.id IN (SELECT value FROM json_each(?))', JSON.stringify([...overdueEnrollments]));
  }
  const ids = input.clientIds ?? [];
  const rows = sqlite
    .prepare(
      `SELECT ${recipientColumns}, NULL AS enrollmentId, NULL AS programName, NULL AS cohortId FROM clients c
       LEFT JOIN clients g ON g.id = c.guardian_id AND g.deleted_at IS NULL
       WHERE c.deleted_at IS NULL AND c.id IN (SELECT value FROM json_each(?)) ORDER BY c.display_name, c.id`,
    )
    .all(JSON.stringify(ids)) as Recipient[];
  const found = new Set(rows.map((r) => r.clientId));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw notFound('Client', ids[missing] as string, ['clientIds', missing]);
  return rows;
}

function pickTemplate(
  ctx: ServiceContext,
  input: MethodParsedInput<'messages.render'>,
  fallbackLanguage: TemplateLanguage,
): MessageTemplate {
  if (input.templateId) return getTemplate(ctx, input.templateId, ['templateId']);
  const purpose = input.purpose as TemplatePurpose;
  const language = input.language ?? fallbackLanguage;
  const candidates = ctx.db.orm
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.purpose, purpose), isNull(messageTemplates.deletedAt), eq(messageTemplates.archived, false)))
    .orderBy(asc(messageTemplates.createdAt), asc(messageTemplates.id))
    .all()
    .map(toTemplate);
  const chosen = candidates.find((t) => t.language === language) ?? candidates.find((t) => t.language === 'en') ?? candidates[0];
  if (!chosen) throw invalid(['purpose'], 'no_template', `There is no template for ${purpose}`);
  return chosen;
}

/** Digits of an E.164 number, as wa.me wants them. */
function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

export function renderMessages(ctx: ServiceContext, input: MethodParsedInput<'messages.render'>): RenderResult {
  const settings = getSettings(ctx);
  const asOf = reminderDay(ctx, input.asOf);
  const template = pickTemplate(ctx, input, languageOfLocale(settings.locale));
  const language = template.language;
  const locale = localeOfLanguage(language);
  const recipients = recipientsOf(ctx, input, asOf);
  // Each person's amount, for many people at once, is money across clients.
  const namesAmount = [...`${template.subject ?? ''} ${template.body}`.matchAll(fieldPattern)].some((m) => m[1] === 'amountDue');
  if (namesAmount) refuseManyClients(ctx, new Set(recipients.map((r) => r.clientId)).size, ['clientIds']);

  const cohortCache = new Map<string, CohortInfo | null>();
  const cohortInfo = (id: string | null): CohortInfo | null => {
    if (!id) return null;
    if (!cohortCache.has(id)) {
      const row = ctx.db.sqlite
        .prepare(
          'SELECT h.name AS name, p.name AS programName, h.start_on AS startOn, h.schedule AS schedule FROM cohorts h JOIN programs p ON p.id = h.program_id WHERE h.id = ? AND h.deleted_at IS NULL',
        )
        .get(id) as (Omit<CohortInfo, 'schedule'> & { schedule: string }) | undefined;
      cohortCache.set(id, row ? { ...row, schedule: formatSchedule(JSON.parse(row.schedule) as ScheduleSlot[], language) } : null);
    }
    return cohortCache.get(id) ?? null;
  };
  if (input.cohortId && !cohortInfo(input.cohortId)) throw notFound('Cohort', input.cohortId, ['cohortId']);

  const settlements = settleClients(ctx, [...new Set(recipients.filter((r) => r.enrollmentId).map((r) => r.clientId))], asOf);
  const billable = new Set<string>(billableStatuses);
  const statusOf = new Map(
    (
      ctx.db.sqlite
        .prepare('SELECT id, status FROM enrollments WHERE id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(recipients.map((r) => r.enrollmentId).filter(Boolean))) as { id: string; status: string }[]
    ).map((r) => [r.id, r.status]),
  );

  const messages: RenderedMessage[] = [];
  const unreachable: string[] = [];
  for (const r of recipients) {
    const cohort = cohortInfo(input.cohortId ?? r.cohortId);
    const fields: Partial<Fields> = {
      firstName: r.firstName ?? r.displayName,
      lastName: r.lastName ?? '',
      displayName: r.displayName,
      guardianName: r.guardianName ?? r.displayName,
      program: cohort?.programName ?? r.programName ?? '',
      cohort: cohort?.name ?? '',
      startDate: cohort?.startOn ? formatDay(cohort.startOn, language) : '',
      schedule: cohort?.schedule ?? '',
      schoolName: settings.schoolName,
      today: formatDay(asOf, language),
    };
    const settlement = r.enrollmentId ? settlements.get(r.clientId)?.enrollments.get(r.enrollmentId) : undefined;
    if (settlement && billable.has(statusOf.get(r.enrollmentId as string) ?? '')) {
      const late = settlement.instalments.filter((i) => i.state === 'overdue');
      const open = late.length > 0 ? late : settlement.nextDue ? [settlement.nextDue] : [];
      if (open.length > 0) {
        const oldest = open[0]!;
        fields.amountDue = formatMoney(
          open.reduce((sum, i) => sum + i.outstandingMinor, 0),
          settings.currency,
          locale,
        );
        fields.dueDate = formatDay(oldest.dueOn, language);
        fields.daysLate = new Intl.NumberFormat(locale).format(Math.max(0, oldest.daysLate));
      }
    }
    const subject = fillTemplate(template.subject ?? '', fields).trim();
    const body = fillTemplate(template.body, fields);
    const email = r.email ?? r.guardianEmail;
    const phone = r.phone ?? r.guardianPhone;
    if (!email && !phone) unreachable.push(r.displayName);
    messages.push({
      clientId: r.clientId,
      enrollmentId: r.enrollmentId,
      recipientName: r.guardianName && !r.email && !r.phone ? r.guardianName : r.displayName,
      email,
      phone,
      subject,
      body,
      mailto: email
        ? `mailto:${encodeURIComponent(email).replace(/%40/g, '@')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`
        : null,
      whatsapp: phone ? `https://wa.me/${phoneDigits(phone)}?text=${encodeURIComponent(body)}` : null,
    });
  }
  const smsCsv = Papa.unparse(
    {
      fields: ['phone', 'message'],
      data: messages.filter((m) => m.phone).map((m) => [m.phone, m.body]),
    },
    { newline: '\r\n' },
  );
  return {
    template: { id: template.id, name: template.name, purpose: template.purpose, language, channel: template.channel },
    messages,
    smsCsv,
    unreachable,
  };
}

const channelLabel: Record<MethodParsedInput<'messages.logSent'>['channel'], string> = {
  email: 'E-mail',
  whatsapp: 'WhatsApp',
  viber: 'Viber',
  wechat: 'WeChat',
  sms: 'SMS',
  copy: 'Message',
};

/** Writes each message on its client's timeline and dismisses the reminder it answered, in one transaction. */
export function logSentMessages(ctx: ServiceContext, input: MethodParsedInput<'messages.logSent'>): { logged: number } {
  input.messages.forEach((message, index) => {
    try {
      createActivity(ctx, {
        clientId: message.clientId,
        enrollmentId: message.enrollmentId ?? null,
        kind: 'message',
        summary: `${channelLabel[input.channel]}: ${message.text}`.slice(0, 5000),
      });
    } catch (error) {
      if (error instanceof AppError && error.fields) {
        throw new AppError(
          error.code,
          error.message,
          error.fields.map((f) => ({ ...f, path: ['messages', index, ...f.path] })),
        );
      }
      throw error;
    }
    if (message.reminder)
      setReminderState(ctx, message.reminder.kind, message.reminder.subjectId, {
        snoozedUntil: null,
        dismissedAt: ctx.clock.now().toISOString(),
      });
  });
  return { logged: input.messages.length };
}
