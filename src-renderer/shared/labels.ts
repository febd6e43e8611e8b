/**
 * Reading helpers over the one label table per enumeration (i18n/labels.ts) for
 * text the database stores with codes in it. A status change leaves a timeline
 * line written by the main process ("Piano (Spring): inquiry → declined"),
 * which the client page showed as is; `statusChangeText` puts the school's
 * words in place of the codes, the same words the board and the badges use;
 * `attendanceText` does the same for a roll-call mark.
 */
import type { TFunction } from 'i18next';
import { attendanceStates, enrollmentStatuses } from '../../src-shared/domain';

const statusCode = new RegExp(`\\b(${enrollmentStatuses.join('|')})\\b`, 'g');

/** A status-change summary with every status code replaced by its label in the interface language. */
export function statusChangeText(summary: string, t: TFunction): string {
  const arrow = summary.indexOf(': ');
  const head = arrow >= 0 ? summary.slice(0, arrow + 2) : '';
  const tail = arrow >= 0 ? summary.slice(arrow + 2) : summary;
  const [change = '', ...note] = tail.split(' — ');
  const worded = change.replace(statusCode, (code) => t(`labels.enrollmentStatus.${code}`));
  return [head + worded, ...note].join(' — ');
}

const attendanceCode = new RegExp(`: (${attendanceStates.join('|')})$`);

/** A roll-call line ("Piano (Spring) · 2026-03-09 17:00: late") with the mark in the interface language. */
export function attendanceText(summary: string, t: TFunction): string {
  return summary.replace(attendanceCode, (_, code: string) => `: ${t(`labels.attendanceState.${code}`)}`);
}
