/**
 * The open-groups feed on a real workspace: configured through the router into a
 * temporary folder, rewritten by the workspace's post-commit hook when a cohort
 * changes, listing only published cohorts, escaping names, carrying no script,
 * and well-formed — checked by a small strict tag-balance parser written for this
 * test (void elements known, every other element closed in order, attributes
 * quoted, no stray `<` or `&` in text).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ownerActor } from '../../src-main/api/actors';
import { fixedClock } from '../../src-main/core/context';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { tempDir } from './helpers';
import { keyBeside } from './direct';

const voidElements = new Set(['meta', 'br', 'link', 'img', 'hr', 'input']);

/** Throws on the first well-formedness error; returns the element names in document order. */
export function checkWellFormed(html: string): string[] {
  const body = html.replace(/^<!DOCTYPE html>\s*/i, '');
  const stack: string[] = [];
  const seen: string[] = [];
  const token = /<\/?([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"<]*")?)*)\s*>|<!--[\s\S]*?-->|([^<]+)|(<)/g;
  let match: RegExpExecArray | null;
  let inStyle = false;
  while ((match = token.exec(body))) {
    const [whole, name, , text, stray] = match;
    if (stray) throw new Error(`Stray "<" at ${match.index}`);
    if (text !== undefined) {
      if (!inStyle && /&(?!(amp|lt|gt|quot|#39);)/.test(text)) throw new Error(`Unescaped "&" in text: ${text.slice(0, 40)}`);
      continue;
    }
    if (whole.startsWith('<!--')) continue;
    const tag = (name as string).toLowerCase();
    if (whole.startsWith('</')) {
      const open = stack.pop();
      if (open !== tag) throw new Error(`</${tag}> closes <${open}>`);
      if (tag === 'style') inStyle = false;
    } else {
      seen.push(tag);
      if (!voidElements.has(tag)) stack.push(tag);
      if (tag === 'style') inStyle = true;
    }
  }
  if (stack.length > 0) throw new Error(`Unclosed: ${stack.join(' > ')}`);
  return seen;
}

const opened: Workspace[] = [];
afterEach(() => {
  for (const w of opened.splice(0)) w.close();
});

function setUp() {
  const dir = tempDir();
  const feed = join(dir, 'public');
  mkdirSync(feed);
  const workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    clock: fixedClock('2026-03-10T09:00:00Z'),
    initIfEmpty: { schoolName: 'Napraforgó <Nyelviskola> & Társa', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  opened.push(workspace);
  const owner = { actor: ownerActor(workspace.db) };
  // Through the workspace's door: the feed is rewritten by its change listener.
  const invoke = (method: string, input: unknown) => workspace.invoke(owner, method, input);
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await invoke(method, input);
    if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  return { workspace, invoke, call, feed };
}

describe('open-groups feed', () => {
  it('publishes only published cohorts, escaped, without scripts, and well-formed', async () => {
    const { call, feed } = setUp();
    const program = await call<{ id: string }>('programs.create', {
      name: 'Angol <script>alert(1)</script>',
      defaultPriceMinor: 12_000_000,
    });
    await call('cohorts.create', {
      programId: program.id,
      name: 'Kedd & csütörtök',
      startOn: '2026-04-07',
      capacity: 8,
      status: 'open',
      published: true,
      schedule: [{ weekday: 2, startTime: '17:30', minutes: 90 }],
    });
    await call('cohorts.create', {
      programId: program.id,
      name: 'Titkos csoport',
      startOn: '2026-04-08',
      status: 'open',
      published: false,
    });
    await call('cohorts.create', { programId: program.id, name: 'Lemondott', startOn: '2026-04-09', status: 'cancelled', published: true });

    const status = await call<{ folder: string; cohortCount: number; lastPublishedAt: string }>('openGroups.configure', { folder: feed });
    expect(status).toMatchObject({ folder: feed, cohortCount: 1, lastPublishedAt: '2026-03-10T09:00:00.000Z' });

    const html = readFileSync(join(feed, 'open-groups.html'), 'utf8');
    const elements = checkWellFormed(html);
    expect(elements).not.toContain('script');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Angol &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Kedd &amp; csütörtök');
    expect(html).toContain('Napraforgó &lt;Nyelviskola&gt; &amp; Társa');
    expect(html).toContain('<html lang="hu">');
    expect(html).toContain('8 szabad hely');
    expect(html).toContain('2026. április 7.');
    expect(html).toContain('Frissítve: 2026. március 10. 10:00');
    expect(html).not.toContain('Titkos');
    expect(html).not.toContain('Lemondott');
    expect(html).not.toMatch(/https?:\/\//);

    const json = JSON.parse(readFileSync(join(feed, 'open-groups.json'), 'utf8')) as { groups: { name: string; seatsLeft: number }[] };
    expect(json.groups.map((g) => [g.name, g.seatsLeft])).toEqual([['Kedd & csütörtök', 8]]);
    expect(readdirSync(feed).sort()).toEqual(['open-groups.html', 'open-groups.json']);
  });

  it('is rewritten after a committed change to cohorts or enrollments, and not after a failed call', async () => {
    const { call, invoke, feed } = setUp();
    const program = await call<{ id: string }>('programs.create', { name: 'Rajz', defaultPriceMinor: 5_000_000 });
    const cohort = await call<{ id: string }>('cohorts.create', {
      programId: program.id,
      name: 'Hétfő',
      startOn: '2026-04-06',
      capacity: 2,
      status: 'open',
      published: true,
    });
    await call('openGroups.configure', { folder: feed });
    const client = await call<{ id: string }>('clients.create', { firstName: 'Anna', lastName: 'Kiss' });
    await call('enrollments.create', { clientId: client.id, cohortId: cohort.id, status: 'confirmed' });
    expect(readFileSync(join(feed, 'open-groups.html'), 'utf8')).toContain('1 szabad hely');

    await call('cohorts.update', { id: cohort.id, name: 'Hétfő délután' });
    expect(readFileSync(join(feed, 'open-groups.html'), 'utf8')).toContain('Hétfő délután');

    const failed = await invoke('cohorts.update', {
      id: cohort.id,
      name: 'Soha',
      endOn: '2000-01-01',
      startOn: '2026-04-06',
    });
    expect(failed.ok).toBe(false);
    expect(readFileSync(join(feed, 'open-groups.html'), 'utf8')).not.toContain('Soha');

    await call('cohorts.update', { id: cohort.id, published: false });
    expect(readFileSync(join(feed, 'open-groups.html'), 'utf8')).toContain('Jelenleg nincs induló csoport.');
  });

  it('refuses a folder that does not exist, beside the field, and writes nothing', async () => {
    const { invoke, feed } = setUp();
    const result = await invoke('openGroups.configure', { folder: join(feed, 'nope') });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fields?.[0]).toMatchObject({ path: ['folder'], code: 'no_such_folder' });
    expect(existsSync(join(feed, 'open-groups.html'))).toBe(false);
    const relative = await invoke('openGroups.configure', { folder: 'public' });
    expect(!relative.ok && relative.error.fields?.[0]?.code).toBe('not_absolute');
  });

  it('the checker itself rejects broken markup', () => {
    expect(() => checkWellFormed('<html><body><p>x</body></html>')).toThrow();
    expect(() => checkWellFormed('<p>a & b</p>')).toThrow();
    expect(() => checkWellFormed('<p>a < b</p>')).toThrow();
    expect(checkWellFormed('<p>a &amp; b<br></p>')).toEqual(['p', 'br']);
  });
});
