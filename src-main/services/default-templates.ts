/**
 * The message templates every school starts with (payment reminder, course
 * start, new-group invitation, follow-up, birthday) in Hungarian, Chinese and
 * English, and the repair that puts back any that are missing.
 *
 * They are created by the system, not by whoever first opens a reminder: at
 * workspace init (services/settings.ts) and by the repair the workspace runs when
 * it opens (api/workspace.ts). Written as the system actor in their own change-log
 * transaction, they never land on a person's undo stack, so Ctrl+Z after recording
 * a payment undoes the payment rather than deleting the templates, and reading the
 * templates (templates.list, messages.render) is a plain read again.
 *
 * "Missing" is per purpose and language: a school that does not want a default
 * archives or edits it; a deleted one is recreated, so a reminder always finds
 * its template in each language.
 */
import { applyChanges, type Write } from '../changes/funnel';
import { systemActor, type ServiceContext } from '../core/context';
import { templateLanguages, type TemplateLanguage, type TemplatePurpose } from '../../src-shared/api/today-methods';

interface DefaultTemplate {
  purpose: TemplatePurpose;
  names: Record<TemplateLanguage, string>;
  subjects: Record<TemplateLanguage, string>;
  bodies: Record<TemplateLanguage, string>;
}

export const defaultTemplates: readonly DefaultTemplate[] = [
  {
    purpose: 'payment_reminder',
    names: { hu: 'Fizetési emlékeztető', 'zh-CN': '付款提醒', en: 'Payment reminder' },
    subjects: { hu: 'Fizetési emlékeztető – {program}', 'zh-CN': '付款提醒：{program}', en: 'Payment reminder – {program}' },
    bodies: {
      hu: 'Kedves {guardianName}!\n\nSzeretnénk emlékeztetni, hogy a(z) {program} ({cohort}) részletének befizetése, {amountDue}, {dueDate} napon esedékes volt ({daysLate} napja). Ha már rendezte, kérjük, tekintse tárgytalannak levelünket.\n\nÜdvözlettel:\n{schoolName}',
      'zh-CN':
        '{guardianName}，您好！\n\n温馨提醒：{program}（{cohort}）的分期付款 {amountDue} 已于 {dueDate} 到期（已逾期 {daysLate} 天）。如您已付款，请忽略此消息。\n\n{schoolName}',
      en: 'Dear {guardianName},\n\nA friendly reminder that the instalment of {amountDue} for {program} ({cohort}) was due on {dueDate} ({daysLate} days ago). If you have already paid, please ignore this message.\n\nKind regards,\n{schoolName}',
    },
  },
  {
    purpose: 'cohort_start',
    names: { hu: 'Kezdés előtti értesítés', 'zh-CN': '开课通知', en: 'Course starts soon' },
    subjects: { hu: 'Hamarosan indul: {cohort}', 'zh-CN': '即将开课：{cohort}', en: 'Starting soon: {cohort}' },
    bodies: {
      hu: 'Kedves {firstName}!\n\nA(z) {program} – {cohort} csoport {startDate} napon indul ({schedule}). Várjuk szeretettel!\n\n{schoolName}',
      'zh-CN': '{displayName}，您好！\n\n{program}（{cohort}）将于 {startDate} 开课（{schedule}）。期待与您见面！\n\n{schoolName}',
      en: 'Dear {firstName},\n\n{program} – {cohort} starts on {startDate} ({schedule}). We look forward to seeing you!\n\n{schoolName}',
    },
  },
  {
    purpose: 'new_cohort_invite',
    names: { hu: 'Meghívó új csoportba', 'zh-CN': '新班邀请', en: 'Invitation to a new group' },
    subjects: { hu: 'Új csoport indul: {program}', 'zh-CN': '新班开课：{program}', en: 'A new group of {program} is starting' },
    bodies: {
      hu: 'Kedves {firstName}!\n\nKorábban érdeklődött a(z) {program} iránt. Örömmel jelezzük, hogy új csoport indul: {cohort}, kezdés: {startDate} ({schedule}). Ha szeretne csatlakozni, válaszoljon erre az üzenetre.\n\n{schoolName}',
      'zh-CN':
        '{displayName}，您好！\n\n您曾咨询过{program}。新班 {cohort} 将于 {startDate} 开课（{schedule}）。如想报名，请直接回复本消息。\n\n{schoolName}',
      en: 'Dear {firstName},\n\nYou asked us about {program}. A new group, {cohort}, starts on {startDate} ({schedule}). If you would like to join, just reply to this message.\n\n{schoolName}',
    },
  },
  {
    purpose: 'follow_up',
    names: { hu: 'Érdeklődő megkeresése', 'zh-CN': '跟进咨询', en: 'Follow-up' },
    subjects: { hu: '{program} – van még kérdése?', 'zh-CN': '{program}：还有疑问吗？', en: '{program} – any questions?' },
    bodies: {
      hu: 'Kedves {firstName}!\n\nSzeretnénk érdeklődni, sikerült-e döntenie a(z) {program} kapcsán. Szívesen válaszolunk minden kérdésére.\n\n{schoolName}',
      'zh-CN': '{displayName}，您好！\n\n想了解一下您对{program}的考虑。如有任何问题，欢迎随时联系我们。\n\n{schoolName}',
      en: 'Dear {firstName},\n\nWe wanted to check whether you have decided about {program}. We are happy to answer any questions.\n\n{schoolName}',
    },
  },
  {
    purpose: 'birthday',
    names: { hu: 'Születésnapi köszöntő', 'zh-CN': '生日祝福', en: 'Birthday greeting' },
    subjects: { hu: 'Boldog születésnapot!', 'zh-CN': '生日快乐！', en: 'Happy birthday!' },
    bodies: {
      hu: 'Kedves {firstName}!\n\nBoldog születésnapot kívánunk!\n\n{schoolName}',
      'zh-CN': '{displayName}，祝您生日快乐！\n\n{schoolName}',
      en: 'Dear {firstName},\n\nHappy birthday from all of us!\n\n{schoolName}',
    },
  },
];

/** Creates the default templates no live template stands for (per purpose and language), as the system. Returns how many. */
export function repairDefaultTemplates(ctx: Pick<ServiceContext, 'db' | 'clock'>): number {
  const present = new Set(
    ctx.db.sqlite
      .prepare("SELECT DISTINCT purpose || ' ' || language FROM message_templates WHERE deleted_at IS NULL")
      .pluck()
      .all() as string[],
  );
  const writes: Write[] = [];
  for (const template of defaultTemplates) {
    for (const language of templateLanguages) {
      if (present.has(`${template.purpose} ${language}`)) continue;
      writes.push({
        op: 'insert',
        table: 'message_templates',
        values: {
          name: template.names[language],
          purpose: template.purpose,
          language,
          channel: 'email',
          subject: template.subjects[language],
          body: template.bodies[language],
        },
      });
    }
  }
  // A context of its own (no `action`): never part of the call or the person that happened to trigger it.
  if (writes.length > 0) applyChanges({ db: ctx.db, clock: ctx.clock, actor: systemActor }, writes);
  return writes.length;
}
