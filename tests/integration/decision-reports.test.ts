/**
 * The decision reports against a small school whose every figure was worked out
 * by hand (HUF, two minor digits; clock moved through the year so enrollments are
 * made in the months they would be): collected against expected by month and by
 * program with a void and a refund, ageing by client and by family, cohort fill
 * and weighted revenue, a campaign whose child moved groups (a transfer), the
 * funnel by source and by staff, reasons lost, new against returning students,
 * and the monthly summary. Files carry money in major units: checked for HUF and
 * EUR (two digits) and JPY (no minor unit). The school's required client fields
 * are refused on every path: create, edit, paste and import.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src-main/core/context';
import type { ReportTable } from '../../src-shared/api/reports-methods';
import { openTestWorkspace, type TestWorkspace } from './helpers';

const byKey = (table: ReportTable, column: string) => new Map(table.rows.map((r) => [String(r[column]), r]));

/**
 * The school, in HUF minor units (100 = 1 Ft):
 * - Anna (guardian Kovács Mama, channel website on the client): completed Angol A1 2025 (made 2025-09-01),
 *   then Angol A1 "Tavasz" confirmed 120 000, plan 3 × 40 000 due 5 Jan, 5 Feb, 5 Mar;
 *   paid 40 000 (6 Jan), 30 000 (10 Feb), 10 000 (11 Feb, voided), refunded 5 000 (20 Feb).
 * - Bence (same guardian), Rajz "Kedd" trial 50 000, one instalment due 2025-11-20, nothing paid; channel referral.
 * - Csilla, Angol A1 "Tavasz" confirmed 100 000 through the open day (channel open_day), 2 × 50 000 due 1 Mar, 1 Apr,
 *   paid 60 000 on 1 Mar, then moved to "Nyár" (a transfer: the payment and plan go with her).
 * - Dani, Rajz inquiry -> thinking -> declined (reason "price"), channel website.
 * - Emma, taken by the assistant, Rajz inquiry, channel fair.
 * The open day cost 20 000; the fair's stand 15 000.
 */
function school(ws: TestWorkspace) {
  ws.clock.set('2025-09-01T09:00:00Z');
  const a1 = ws.call('programs.create', { name: 'Angol A1', kind: 'course', defaultPriceMinor: 120_000 });
  const rajz = ws.call('programs.create', { name: 'Rajz', kind: 'course', defaultPriceMinor: 50_000 });
  const old = ws.call('cohorts.create', {
    programId: a1.id,
    name: 'Ősz 2025',
    status: 'finished',
    startOn: '2025-09-10',
    endOn: '2025-12-15',
  });
  const mama = ws.call('clients.create', { firstName: 'Mama', lastName: 'Kovács' });
  const anna = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács', guardianId: mama.id, sourceChannel: 'website' });
  const past = ws.call('enrollments.create', { clientId: anna.id, cohortId: old.id, status: 'confirmed', agreedPriceMinor: 0 });
  ws.call('enrollments.setStatus', { id: past.id, status: 'completed' });

  ws.clock.set('2026-01-02T09:00:00Z');
  const tavasz = ws.call('cohorts.create', {
    programId: a1.id,
    name: 'Tavasz',
    status: 'running',
    startOn: '2026-02-01',
    endOn: '2026-06-30',
    capacity: 4,
  });
  const nyar = ws.call('cohorts.create', {
    programId: a1.id,
    name: 'Nyár',
    status: 'planned',
    startOn: '2026-07-01',
    endOn: '2026-08-31',
    capacity: 10,
  });
  const kedd = ws.call('cohorts.create', {
    programId: rajz.id,
    name: 'Kedd',
    status: 'running',
    startOn: '2026-01-10',
    endOn: '2026-05-31',
    capacity: 5,
  });
  const openDayCohort = ws.call('cohorts.create', {
    programId: a1.id,
    name: 'Nyílt nap',
    status: 'finished',
    startOn: '2026-01-15',
    endOn: '2026-01-15',
    capacity: 30,
  });
  const openDay = ws.call('campaigns.create', {
    name: 'Nyílt nap január',
    kind: 'open_day',
    channel: 'open_day',
    startsOn: '2026-01-15',
    endsOn: '2026-01-15',
    costMinor: 20_000,
    cohortId: openDayCohort.id,
  });
  ws.call('campaigns.create', { name: 'Iskolabörze', kind: 'fair', channel: 'fair', startsOn: '2026-02-20', costMinor: 15_000 });

  const e1 = ws.call('enrollments.create', { clientId: anna.id, cohortId: tavasz.id, status: 'confirmed', agreedPriceMinor: 120_000 });
  ws.call('instalments.plan', { enrollmentId: e1.id, count: 3, firstDueOn: '2026-01-05' });
  ws.call('payments.create', { clientId: anna.id, enrollmentId: e1.id, amountMinor: 40_000, paidOn: '2026-01-06' });
  ws.call('payments.create', { clientId: anna.id, enrollmentId: e1.id, amountMinor: 30_000, paidOn: '2026-02-10' });
  const mistake = ws.call('payments.create', { clientId: anna.id, enrollmentId: e1.id, amountMinor: 10_000, paidOn: '2026-02-11' });
  ws.call('payments.void', { id: mistake.id, reason: 'Kétszer rögzítve' });
  ws.call('payments.refund', { clientId: anna.id, enrollmentId: e1.id, amountMinor: 5_000, paidOn: '2026-02-20' });

  const bence = ws.call('clients.create', { firstName: 'Bence', lastName: 'Kovács', guardianId: mama.id });
  const e2 = ws.call('enrollments.create', {
    clientId: bence.id,
    cohortId: kedd.id,
    status: 'trial',
    agreedPriceMinor: 50_000,
    sourceChannel: 'referral',
  });
  ws.call('instalments.plan', { enrollmentId: e2.id, count: 1, firstDueOn: '2025-11-20' });

  ws.clock.set('2026-01-16T09:00:00Z');
  const csilla = ws.call('clients.create', { firstName: 'Csilla', lastName: 'Nagy' });
  ws.call('enrollments.create', { clientId: csilla.id, cohortId: openDayCohort.id, status: 'confirmed', agreedPriceMinor: 0 });
  const e3 = ws.call('enrollments.create', {
    clientId: csilla.id,
    cohortId: tavasz.id,
    status: 'confirmed',
    agreedPriceMinor: 100_000,
    sourceChannel: 'open_day',
    campaignId: openDay.id,
  });
  ws.call('instalments.plan', { enrollmentId: e3.id, count: 2, firstDueOn: '2026-03-01' });
  ws.call('payments.create', { clientId: csilla.id, enrollmentId: e3.id, amountMinor: 60_000, paidOn: '2026-03-01' });

  ws.clock.set('2026-02-02T09:00:00Z');
  const dani = ws.call('clients.create', { firstName: 'Dani', lastName: 'Tóth' });
  const e4 = ws.call('enrollments.create', { clientId: dani.id, programId: rajz.id, status: 'inquiry', sourceChannel: 'website' });
  ws.call('enrollments.setStatus', { id: e4.id, status: 'thinking' });
  ws.call('enrollments.setStatus', { id: e4.id, status: 'declined', reasonLost: 'price' });

  const assistantUser = ws.call('users.create', {
    username: 'asszisztens',
    displayName: 'Asszisztens Anna',
    role: 'assistant',
    password: 'assistant-secret-1',
  });
  const assistant: Actor = { userId: assistantUser.id, username: 'asszisztens', role: 'assistant' };
  const emma = ws.call('clients.create', { firstName: 'Emma', lastName: 'Szabó' }, assistant);
  ws.call('enrollments.create', { clientId: emma.id, programId: rajz.id, status: 'inquiry', sourceChannel: 'fair' }, assistant);

  ws.clock.set('2026-03-05T09:00:00Z');
  ws.call('enrollments.transfer', { enrollmentId: e3.id, cohortId: nyar.id });
  ws.clock.set('2026-03-10T09:00:00Z');
  return { assistant, openDay };
}

describe('decision reports on a hand-computed school (HUF)', () => {
  let ws: TestWorkspace;
  let assistant: Actor;
  beforeEach(() => {
    ws = openTestWorkspace();
    assistant = school(ws).assistant;
  });
  const money = (
    kind:
      'collectedByMonth' | 'collectedByProgram' | 'ageingByClient' | 'ageingByFamily' | 'cohortFill' | 'campaignReturn' | 'channelReturn',
  ) => ws.call('reports.money', { kind, from: '2026-01-01', to: '2026-12-31' });
  const people = (kind: 'conversionBySource' | 'conversionByStaff' | 'lostReasons' | 'newReturning') =>
    ws.call('reports.people', { kind, from: '2026-01-01', to: '2026-12-31' });

  it('collected against expected by month: voids left out, refunds apart, a transferred plan expected once', () => {
    const months = byKey(money('collectedByMonth'), 'month');
    expect(months.size).toBe(12);
    expect(months.get('2026-01')).toMatchObject({ collectedMinor: 40_000, refundedMinor: 0, netMinor: 40_000, expectedMinor: 40_000 });
    expect(months.get('2026-02')).toMatchObject({ collectedMinor: 30_000, refundedMinor: 5_000, netMinor: 25_000, expectedMinor: 40_000 });
    // March: Anna's 40 000 and Csilla's first 50 000 (on the enrollment she was moved to, not twice).
    expect(months.get('2026-03')).toMatchObject({
      collectedMinor: 60_000,
      netMinor: 60_000,
      expectedMinor: 90_000,
      differenceMinor: -30_000,
    });
    expect(months.get('2026-04')).toMatchObject({ collectedMinor: 0, expectedMinor: 50_000 });
    const total = money('collectedByMonth').total;
    expect(total).toMatchObject({
      month: 'total',
      collectedMinor: 130_000,
      refundedMinor: 5_000,
      netMinor: 125_000,
      expectedMinor: 220_000,
    });
  });

  it('collected against expected by program: Bence’s instalment fell due last year, so Rajz expects nothing this year', () => {
    const programs = byKey(money('collectedByProgram'), 'program');
    expect(programs.get('Angol A1')).toMatchObject({
      collectedMinor: 130_000,
      refundedMinor: 5_000,
      netMinor: 125_000,
      expectedMinor: 220_000,
    });
    expect(programs.has('Rajz')).toBe(false);
  });

  it('ageing by client and by family on 10 March, in 0-30, 31-60, 61-90 and 90+ day buckets', () => {
    const clients = byKey(money('ageingByClient'), 'name');
    // Anna: 120 000 - 65 000 = 55 000 owed, all overdue: 15 000 of 5 Feb (33 days) and 40 000 of 5 Mar (5 days).
    expect(clients.get('Kovács Anna')).toMatchObject({
      guardian: 'Kovács Mama',
      outstandingMinor: 55_000,
      notYetDueMinor: 0,
      days0to30Minor: 40_000,
      days31to60Minor: 15_000,
      days61to90Minor: 0,
      days90plusMinor: 0,
      overdueMinor: 55_000,
    });
    // Bence: 50 000 due 20 Nov 2025, 110 days late.
    expect(clients.get('Kovács Bence')).toMatchObject({ outstandingMinor: 50_000, days90plusMinor: 50_000, overdueMinor: 50_000 });
    // Csilla: 100 000 - 60 000 = 40 000, due 1 Apr: not yet due.
    expect(clients.get('Nagy Csilla')).toMatchObject({ outstandingMinor: 40_000, notYetDueMinor: 40_000, overdueMinor: 0 });
    const families = byKey(money('ageingByFamily'), 'name');
    expect(families.get('Kovács Mama')).toMatchObject({
      members: 2,
      outstandingMinor: 105_000,
      overdueMinor: 105_000,
      days90plusMinor: 50_000,
    });
    expect(money('ageingByFamily').total).toMatchObject({ outstandingMinor: 145_000, overdueMinor: 105_000 });
  });

  it('cohort fill and revenue weighted by status: a transferred enrollment counts only where it went', () => {
    const cohorts = byKey(money('cohortFill'), 'cohort');
    expect(cohorts.get('Tavasz')).toMatchObject({
      capacity: 4,
      seatsTaken: 1,
      fillRate: 0.25,
      agreedMinor: 120_000,
      weightedMinor: 120_000,
    });
    expect(cohorts.get('Nyár')).toMatchObject({ seatsTaken: 1, fillRate: 0.1, weightedMinor: 100_000 });
    // Bence on trial: 50 000 × 0.6.
    expect(cohorts.get('Kedd')).toMatchObject({ seatsTaken: 1, fillRate: 0.2, agreedMinor: 50_000, weightedMinor: 30_000 });
  });

  it('campaign and channel return follow the child through the transfer', () => {
    const campaigns = byKey(money('campaignReturn'), 'campaign');
    expect(campaigns.get('Nyílt nap január')).toMatchObject({
      registrations: 1,
      enrollments: 1,
      confirmed: 1,
      costMinor: 20_000,
      collectedMinor: 60_000,
      returnMinor: 40_000,
      returnRate: 2,
    });
    expect(campaigns.get('Iskolabörze')).toMatchObject({
      enrollments: 0,
      costMinor: 15_000,
      collectedMinor: 0,
      returnMinor: -15_000,
      returnRate: -1,
    });
    const channels = byKey(money('channelReturn'), 'channel');
    expect(channels.get('open_day')).toMatchObject({ enrollments: 1, confirmed: 1, costMinor: 20_000, collectedMinor: 60_000 });
    // Anna's channel is on the client: her 2026 money (net of the refund) counts for the website.
    expect(channels.get('website')).toMatchObject({ enrollments: 2, confirmed: 1, collectedMinor: 65_000 });
    expect(channels.get('fair')).toMatchObject({ enrollments: 1, confirmed: 0, costMinor: 15_000, collectedMinor: 0 });
  });

  it('the funnel by source and by staff, reasons lost, new against returning students', () => {
    const sources = byKey(people('conversionBySource'), 'channel');
    expect(sources.get('website')).toMatchObject({ inquiry: 2, thinking: 2, trial: 1, confirmed: 1, lost: 1, conversion: 0.5 });
    expect(sources.get('referral')).toMatchObject({ inquiry: 1, thinking: 1, trial: 1, confirmed: 0 });
    expect(sources.get('fair')).toMatchObject({ inquiry: 1, thinking: 0, confirmed: 0 });
    // Csilla's open-day registration and her course: both from the open day (the registration via the client's own record has no channel).
    expect(people('conversionBySource').total).toMatchObject({ inquiry: 6, confirmed: 3 });
    const staff = byKey(people('conversionByStaff'), 'staff');
    expect(staff.get('Asszisztens Anna')).toMatchObject({ inquiry: 1, confirmed: 0 });
    expect(staff.get('Owner')).toMatchObject({ inquiry: 5, confirmed: 3, lost: 1 });
    expect(people('lostReasons').rows).toEqual([{ reason: 'price', count: 1, share: 1 }]);
    const students = byKey(people('newReturning'), 'month');
    expect(students.get('2026-01')).toMatchObject({ newStudents: 2, returningStudents: 1 });
    expect(people('newReturning').total).toMatchObject({ newStudents: 2, returningStudents: 1, students: 3 });
    // People reports carry no money, so the assistant may read them; money reports are refused.
    expect(ws.call('reports.people', { kind: 'conversionBySource' }, assistant).rows.length).toBeGreaterThan(0);
    expect(ws.fail('reports.money', { kind: 'collectedByMonth' }, assistant).code).toBe('FORBIDDEN');
    expect(ws.fail('reports.monthlySummary', {}, assistant).code).toBe('FORBIDDEN');
    expect(ws.fail('reports.moneyFile', { kind: 'ageingByClient' }, assistant).code).toBe('FORBIDDEN');
  });

  it('the monthly summary repeats the reports’ figures for one month', () => {
    const march = ws.call('reports.monthlySummary', { month: '2026-03' });
    expect(march).toMatchObject({
      month: '2026-03',
      currency: 'HUF',
      collectedMinor: 60_000,
      refundedMinor: 0,
      dueInMonthMinor: 90_000,
      outstandingMinor: 145_000,
      overdueMinor: 105_000,
      ageing: { days0to30Minor: 40_000, days31to60Minor: 15_000, days61to90Minor: 0, days90plusMinor: 50_000 },
    });
    const february = ws.call('reports.monthlySummary', { month: '2026-02' });
    expect(february).toMatchObject({ collectedMinor: 30_000, refundedMinor: 5_000, newEnrollments: 2, lostInMonth: 1 });
    expect(february.lostReasons).toEqual([{ reason: 'price', count: 1 }]);
  });

  it('writes a report file in major units with the reader’s headers and words', () => {
    const file = ws.call('reports.moneyFile', {
      kind: 'collectedByMonth',
      from: '2026-02-01',
      to: '2026-02-28',
      format: 'csv',
      headers: { month: 'Hónap', netMinor: 'Nettó' },
    });
    const text = Buffer.from(file.contentBase64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFFHónap,collectedMinor (HUF),refundedMinor (HUF),Nettó (HUF)')).toBe(true);
    expect(text).toContain('2026-02,300,50,250,400,-150');
    const xlsx = ws.call('reports.peopleFile', { kind: 'lostReasons', format: 'xlsx', labels: { price: 'Ár' } });
    expect(xlsx.fileName).toMatch(/\.xlsx$/);
  });
});

describe('report files in other currencies', () => {
  it.each([
    ['EUR', 'de-DE', 12_345, '123.45'],
    ['JPY', 'ja-JP', 5_000, '5000'],
  ])('%s: money in the currency’s major units', (currency, locale, amount, written) => {
    const ws = openTestWorkspace({ schoolName: 'Money', currency, locale, timeZone: 'Europe/Budapest' });
    const client = ws.call('clients.create', { firstName: 'Eva' });
    ws.call('payments.create', { clientId: client.id, amountMinor: amount, paidOn: '2026-03-02' });
    ws.call('payments.create', { clientId: client.id, amountMinor: 1, paidOn: '2026-03-03' });
    const voided = ws.call('payments.create', { clientId: client.id, amountMinor: 999, paidOn: '2026-03-03' });
    ws.call('payments.void', { id: voided.id, reason: 'typo' });
    const report = ws.call('reports.money', { kind: 'collectedByMonth', from: '2026-03-01', to: '2026-03-31' });
    expect(report.rows[0]).toMatchObject({ month: '2026-03', collectedMinor: amount + 1 });
    const file = ws.call('reports.moneyFile', { kind: 'collectedByMonth', from: '2026-03-01', to: '2026-03-31', format: 'csv' });
    const text = Buffer.from(file.contentBase64, 'base64').toString('utf8');
    expect(text).toContain(`collectedMinor (${currency})`);
    const scale = currency === 'JPY' ? 1 : 100;
    expect(text).toContain(`2026-03,${(amount + 1) / scale},0,${(amount + 1) / scale}`);
    expect(String(amount / scale)).toBe(written);
  });
});

describe('the school’s required client fields', () => {
  it('are refused on create, edit, paste and import, each next to its field', () => {
    const ws = openTestWorkspace();
    const lists = ws.call('schoolLists.update', { requiredClientFields: ['phone'], sourceChannels: ['website', 'Facebook'] });
    expect(lists).toMatchObject({ requiredClientFields: ['phone'], sourceChannels: ['website', 'Facebook'] });
    expect(ws.fail('clients.create', { firstName: 'Anna' }).fields).toEqual([
      expect.objectContaining({ path: ['phone'], code: 'required' }),
    ]);
    const anna = ws.call('clients.create', { firstName: 'Anna', phone: '+36301234567' });
    expect(ws.fail('clients.update', { id: anna.id, phone: '' }).fields).toEqual([
      expect.objectContaining({ path: ['phone'], code: 'required' }),
    ]);
    expect(ws.call('clients.update', { id: anna.id, notes: 'ok' }).notes).toBe('ok');
    const pasted = ws.fail('clients.bulkUpsert', { rows: [{ firstName: 'Béla', phone: '+36301112233' }, { firstName: 'Cili' }] });
    expect(pasted.fields).toEqual([expect.objectContaining({ path: ['rows', 1, 'phone'], code: 'required' })]);
    const csv = Buffer.from('Név;E-mail\nKiss Dóra;dora@example.com\n', 'utf8').toString('base64');
    const input = { fileName: 'lista.csv', contentBase64: csv };
    const preview = ws.call('imports.preview', input);
    expect(preview.issues).toEqual([expect.objectContaining({ code: 'missing_required', row: 2 })]);
    const refused = ws.fail('imports.commit', input);
    expect(refused.code).toBe('VALIDATION');
    expect(refused.fields?.[0]).toMatchObject({ code: 'missing_required' });
    expect(ws.call('reports.stats', {}).clients).toBe(1);
    // A channel must come from the school's list.
    const program = ws.call('programs.create', { name: 'Angol', kind: 'course' });
    expect(ws.fail('enrollments.create', { clientId: anna.id, programId: program.id, sourceChannel: 'tv' }).fields).toEqual([
      expect.objectContaining({ path: ['sourceChannel'], code: 'not_in_list' }),
    ]);
    expect(ws.call('enrollments.create', { clientId: anna.id, programId: program.id, sourceChannel: 'Facebook' }).sourceChannel).toBe(
      'Facebook',
    );
  });
});

describe('campaigns', () => {
  it('keep a cost only finance roles read, a channel from the list and dates in order', () => {
    const ws = openTestWorkspace();
    const user = ws.call('users.create', { username: 'anna', displayName: 'Anna', role: 'assistant', password: 'assistant-secret-1' });
    const assistant: Actor = { userId: user.id, username: 'anna', role: 'assistant' };
    const fair = ws.call('campaigns.create', { name: 'Börze', kind: 'fair', channel: 'fair', startsOn: '2026-02-01', costMinor: 15_000 });
    expect(fair).toMatchObject({ name: 'Börze', channel: 'fair', costMinor: 15_000, enrollmentCount: 0, archived: false });
    expect(ws.call('campaigns.list', {}, assistant)).toEqual([expect.objectContaining({ name: 'Börze', costMinor: null })]);
    expect(ws.fail('campaigns.create', { name: 'X', kind: 'ad' }, assistant).code).toBe('FORBIDDEN');
    expect(ws.fail('campaigns.update', { id: fair.id, endsOn: '2026-01-31' }).fields).toEqual([
      expect.objectContaining({ path: ['endsOn'], code: 'before_start' }),
    ]);
    expect(ws.fail('campaigns.update', { id: fair.id, channel: 'tv' }).fields).toEqual([
      expect.objectContaining({ path: ['channel'], code: 'not_in_list' }),
    ]);
    expect(ws.call('campaigns.update', { id: fair.id, archived: true }).archived).toBe(true);
    expect(ws.call('campaigns.list', {})).toEqual([]);
    expect(ws.call('campaigns.list', { includeArchived: true })).toHaveLength(1);
    ws.call('campaigns.delete', { id: fair.id });
    expect(ws.call('campaigns.list', { includeArchived: true })).toEqual([]);
    expect(ws.fail('schoolLists.update', { sourceChannels: ['web', 'Web'] }).code).toBe('VALIDATION');
  });
});
