/**
 * The client page's wording of package lines: the stored English line ending in a
 * code is told in the reader's words, with their dates; a line that does
 * not end in a known code is left as written.
 */
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { isPackageLine, packageLineText } from '../../src-renderer/features/packages/timeline';

const words: Record<string, string> = {
  'packages.timeline.sold': 'Bérlet eladva',
  'packages.timeline.unfrozen': 'Szüneteltetés korábban befejezve',
  'packages.timeline.makeup_cancelled': 'Pótóra lemondva',
  'packages.timeline.used_up': 'Bérlet elfogyott',
};
const t = ((key: string, options?: { count?: number }) =>
  key === 'packages.timeline.lessons' ? `${options?.count} alkalom` : (words[key] ?? key)) as unknown as TFunction;
const format = { date: (day: string) => `<${day}>` };

describe('package lines on the timeline', () => {
  it('say the event first, in the reader’s words, with their amounts and dates', () => {
    expect(packageLineText('Angol A1 (Keddi) · 10 lessons · 2026-03-01: sold', t, format)).toBe(
      'Bérlet eladva: Angol A1 (Keddi) · 10 alkalom · <2026-03-01>',
    );
    expect(packageLineText('Zongora · 2026-03-08–2026-03-09: unfrozen', t, format)).toBe(
      'Szüneteltetés korábban befejezve: Zongora · <2026-03-08> – <2026-03-09>',
    );
    expect(packageLineText('Zongora (Kedd) · 2026-03-12 17:00: makeup_cancelled', t, format)).toBe(
      'Pótóra lemondva: Zongora (Kedd) · <2026-03-12> 17:00',
    );
    expect(packageLineText('8 lessons: used_up', t, format)).toBe('Bérlet elfogyott: 8 alkalom');
  });

  it('leave other lines as written, and know which lines are theirs', () => {
    expect(packageLineText('Called about 10 lessons: she will think', t, format)).toBe('Called about 10 lessons: she will think');
    expect(isPackageLine('package', 'anything')).toBe(true);
    expect(isPackageLine('attendance', 'Zongora · 2026-03-12 17:00: makeup_cancelled')).toBe(true);
    expect(isPackageLine('attendance', 'Zongora · 2026-03-12 17:00: present')).toBe(false);
    expect(isPackageLine('note', 'x: sold')).toBe(false);
  });
});
