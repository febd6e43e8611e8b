import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { openTestWorkspace } from './helpers';

const dir = '/work/main/tests/fixtures/import';
const files = (process.env.FILES ?? '').split(',');
it('explore', () => {
  for (const name of files) {
    const ws = openTestWorkspace();
    const contentBase64 = readFileSync(join(dir, name)).toString('base64');
    const p = ws.call('imports.preview', { fileName: name, contentBase64 });
    console.log('=====', name, 'header', p.headerRow, 'layout', p.layout);
    console.log(p.columns.map((c) => `${c.header}${c.block ? '#' + c.block : ''} -> ${c.field} ${c.confidence} ${c.source}`).join('\n'));
    console.log('summary', JSON.stringify(p.summary));
    console.log('notCreated', JSON.stringify(p.notCreated));
    console.log('issues', p.issues.map((i) => `${i.row} ${i.code} ${i.severity}: ${i.message}`).join('\n'));
    console.log('matches', p.matches.map((m) => `${m.row} ${m.rowName} ~ ${m.clientName} ${m.by} ${m.in} ${m.action}`).join('\n'));
    const r = ws.call('imports.commit', { fileName: name, contentBase64 });
    const rows = ws.db.sqlite.prepare(`SELECT c.display_name n, c.first_name f, c.last_name l, c.phone, c.email, c.birth_date b, g.display_name g, c.extra FROM clients c LEFT JOIN clients g ON g.id=c.guardian_id ORDER BY c.rowid`).all();
    console.log(rows.map((x) => JSON.stringify(x)).join('\n'));
    const e = ws.db.sqlite.prepare(`SELECT c.display_name n, p.name p, h.name h, e.status, e.agreed_price_minor price, (SELECT sum(amount_minor) FROM payments WHERE enrollment_id=e.id) paid FROM enrollments e JOIN clients c ON c.id=e.client_id JOIN programs p ON p.id=e.program_id LEFT JOIN cohorts h ON h.id=e.cohort_id ORDER BY e.rowid`).all();
    console.log(e.map((x) => JSON.stringify(x)).join('\n'));
    console.log('merges', JSON.stringify(ws.call('imports.get', { batchId: r.batchId }).merges));
  }
});
