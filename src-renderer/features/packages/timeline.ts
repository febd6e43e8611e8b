/**
 * How a package's timeline line reads on the client page. The main process stores
 * the line in plain words ending in a code ("Angol A1 · 10 lessons · 2026-03-01: sold",
 * src-main/services/lessons/package-timeline.ts), so the same line reads in the
 * reader's language, with their dates, whoever wrote it and wherever.
 * A line that does not end in a known code (written by hand, or by a newer
 * version) is shown as it was written.
 */
import type { TFunction } from 'i18next';
import { packageEvents } from '../../../src-shared/domain';

/** The page's date formatter (shared/workspace.tsx `useFormat`), as far as a line needs it. */
interface LineFormat {
  date(day: string): string;
}

const lineCode = new RegExp(`^([\\s\\S]*): (${[...packageEvents, 'makeup_cancelled'].join('|')})$`);

/** Whether a timeline line is one this module words (a package line, or a cancelled make-up). */
export function isPackageLine(kind: string, summary: string): boolean {
  return kind === 'package' || (kind === 'attendance' && summary.endsWith(': makeup_cancelled'));
}

/** "Package sold: Angol A1 · 10 lessons · 1 Mar 2026", in the interface language. */
export function packageLineText(summary: string, t: TFunction, format: LineFormat): string {
  const match = lineCode.exec(summary);
  if (!match) return summary;
  const what = (match[1] ?? '')
    .split(' · ')
    .map((part) => {
      const lessons = /^(\d+) lessons$/.exec(part);
      if (lessons) return t('packages.timeline.lessons', { count: Number(lessons[1]) });
      return part.replace(/\d{4}-\d{2}-\d{2}/g, (day) => format.date(day)).replace(/(\S)–(\S)/u, '$1 – $2');
    })
    .join(' · ');
  const event = t(`packages.timeline.${match[2] as string}`);
  return what === '' ? event : `${event}: ${what}`;
}
