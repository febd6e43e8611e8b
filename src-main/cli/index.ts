/**
 * `tanoda`, the headless front door: the same workspace, router and services the
 * app uses, driven from a terminal or a script. It exists so that a school's data
 * can be created, inspected, backed up, restored and checked without the window,
 * and so that tests and benchmarks exercise the very code path users do.
 *
 * Every command is `tanoda <command> --db <file> [--json]`. Output is for people
 * by default and JSON with `--json`; `call` always prints JSON. A typed error
 * leaves through stderr as `{code, message, fields}` with an exit code a script
 * can branch on (2 VALIDATION, 3 NOT_FOUND, 4 FORBIDDEN, 5 CONFLICT, 1 anything
 * else), so a shell loop can tell "bad input" from "the database is broken".
 * Options are parsed strictly: a mistyped option is an error, never ignored.
 * The database is encrypted: every command takes its key from the key file
 * named by TANODA_KEY_FILE, or from the recovery key typed at a terminal
 * (cli/keys.ts), never from the command line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { contract, methodNames } from '../../src-shared/api/contract';
import { AppError, type ApiErrorData, type ErrorCode } from '../../src-shared/errors';
import { formatMoney } from '../../src-shared/money';
import { toErrorData } from '../api/errors';
import { importCommands } from './import-commands';
import { syncCommands } from './sync-commands';
import { ownerActor } from '../api/actors';
import { openDatabase, closeDatabase, type Db } from '../db/connection';
import { recoveryKeyOf, type DatabaseKey, type KeyStore } from '../db/keys';
import { seedDemo } from '../demo/seed-demo';
import {
  backupDatabase,
  checkDatabaseFile,
  databaseStats,
  defaultDatabaseFile,
  diagnose,
  isStructurallySound,
  repairSearchIndex,
  restoreDatabase,
  workspaceToday,
  type DoctorReport,
} from '../upkeep/maintenance';
import { getSettings, initWorkspace, isInitialised, regionOf } from '../services/settings';
import { backupBeforeEncryption } from '../upkeep/backups';
import { openWorkspace, prepareFirstScreen } from '../api/workspace';
import {
  callerFor,
  databaseKeyFor,
  print,
  printJson,
  recoveryKeyNotice,
  requireDatabase,
  type Command,
  type Invocation,
  type Options,
  type Values,
} from './common';
import { KEY_FILE_VARIABLE, keyForDatabase, recoveryKeyFromTerminal } from './keys';

const exitCodes: Partial<Record<ErrorCode, number>> = { VALIDATION: 2, NOT_FOUND: 3, FORBIDDEN: 4, CONFLICT: 5 };
const usageExit = 2;

class UsageError extends Error {}

const commonOptions: Options = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

const commonHelp = `Common options:
  --db FILE   the database (default: the app's own, ${defaultDatabaseFile()})
  --json      machine-readable output
  -h, --help  this help
The database is encrypted. Its key comes from the key file named by
${KEY_FILE_VARIABLE} (created, 0600, with a fresh key when a new database needs
one; one key file may serve several databases); without it, a terminal asks for
the recovery key. A key is never given on the command line.`;

// ---- output ------------------------------------------------------------------------

function table(headers: string[], rows: (string | number)[][], alignRight: number[] = []): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat((widths[i] as number) - [...c].length);
        return alignRight.includes(i) ? pad + c : i === r.length - 1 ? c : c + pad;
      })
      .join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

const count = (n: number) => n.toLocaleString('en-US');
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A typed error on stderr: JSON always for `call` and `--json`, a readable line otherwise. */
function reportError(error: ApiErrorData, asJson: boolean): number {
  const data = { code: error.code, message: error.message, fields: error.fields ?? [] };
  if (asJson) {
    process.stderr.write(`${JSON.stringify(data)}\n`);
  } else {
    process.stderr.write(`tanoda: ${error.message} (${error.code})\n`);
    for (const field of data.fields) process.stderr.write(`  ${field.path.join('.') || '(input)'}: ${field.message}\n`);
  }
  return exitCodes[error.code] ?? 1;
}

// ---- opening the database ------------------------------------------------------------

async function openReadOnly(file: string): Promise<Db> {
  requireDatabase(file);
  const { key } = await databaseKeyFor(file);
  return openDatabase(file, { key, readonly: true });
}

function withDb<T>(db: Db, use: (db: Db) => T): T {
  try {
    return use(db);
  } finally {
    closeDatabase(db);
  }
}

/** The repository (or installed app) root: where package.json, drizzle/ and out/ live. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'tanoda') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    dir = dirname(dir);
  }
  return process.cwd();
}

function integerOption(values: Values, name: string, min: number, max: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return value;
}

function validateWorkspaceOptions(values: Values): { schoolName?: string; currency?: string; locale?: string; timeZone?: string } {
  const fields: { path: string[]; code: string; message: string }[] = [];
  const currency = typeof values['currency'] === 'string' ? values['currency'].toUpperCase() : undefined;
  const locale = typeof values['locale'] === 'string' ? values['locale'] : undefined;
  const timeZone = typeof values['time-zone'] === 'string' ? values['time-zone'] : undefined;
  const schoolName = typeof values['name'] === 'string' ? values['name'].trim() : undefined;
  if (currency !== undefined) {
    let known = /^[A-Z]{3}$/.test(currency);
    if (known) {
      try {
        new Intl.NumberFormat('en', { style: 'currency', currency });
      } catch {
        known = false;
      }
    }
    if (!known) fields.push({ path: ['currency'], code: 'invalid_currency', message: 'Use an ISO 4217 code like HUF or EUR' });
  }
  if (locale !== undefined) {
    try {
      Intl.getCanonicalLocales(locale);
    } catch {
      fields.push({ path: ['locale'], code: 'invalid_locale', message: 'Use a language tag like hu-HU or en-GB' });
    }
  }
  if (timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
    } catch {
      fields.push({ path: ['timeZone'], code: 'invalid_time_zone', message: 'Use an IANA time zone like Europe/Budapest' });
    }
  }
  if (schoolName !== undefined && schoolName.length === 0)
    fields.push({ path: ['name'], code: 'required', message: 'The school needs a name' });
  if (fields.length > 0) throw new AppError('VALIDATION', 'The workspace options are not valid', fields);
  return {
    ...(schoolName !== undefined ? { schoolName } : {}),
    ...(currency !== undefined ? { currency } : {}),
    ...(locale !== undefined ? { locale } : {}),
    ...(timeZone !== undefined ? { timeZone } : {}),
  };
}

// ---- commands -------------------------------------------------------------------------

/**
 * The keys a restore needs: the database's (from the key file), and the backup's
 * when that key does not open it (its recovery key, typed at the terminal). On a
 * computer with no key file and no database yet, the recovery key typed is both.
 */
async function restoreKeys(db: string, source: string): Promise<{ key: DatabaseKey; sourceKey?: DatabaseKey; secrets: KeyStore | null }> {
  const refusal = `${source} is encrypted with another key: run this at a terminal to type its recovery key`;
  if (!process.env[KEY_FILE_VARIABLE] && !existsSync(db)) {
    const key = await recoveryKeyFromTerminal(`Recovery key of ${source}: `, refusal);
    return { key, secrets: null };
  }
  const { key, secrets } = await databaseKeyFor(db);
  const check = checkDatabaseFile(source, key);
  if (!check.wrongKey) return { key, secrets };
  return { key, secrets, sourceKey: await recoveryKeyFromTerminal(`Recovery key of ${source}: `, refusal) };
}

const workspaceOptions: Options = {
  name: { type: 'string' },
  currency: { type: 'string' },
  locale: { type: 'string' },
  'time-zone': { type: 'string' },
};

function readStdin(): string {
  return readFileSync(0, 'utf8');
}

function parseCallInput(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  const text = raw === '-' ? readStdin() : raw;
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError('VALIDATION', 'The input is not valid JSON', [
      { path: ['input'], code: 'invalid_json', message: error instanceof Error ? error.message : 'Not JSON' },
    ]);
  }
}

function printDoctor(report: DoctorReport, currency: string | null, locale: string | null): void {
  const money = (minor: number) => (currency && locale ? formatMoney(minor, currency, locale) : String(minor));
  const integrityOk = report.integrity.length === 1 && report.integrity[0] === 'ok';
  const mark = (ok: boolean) => (ok ? 'ok  ' : 'FAIL');
  const q = report.dataQuality;
  const lines = [
    `Database ${report.file}`,
    `  ${mark(integrityOk)}  integrity_check${integrityOk ? '' : `: ${report.integrity.slice(0, 10).join('; ')}`}`,
    `  ${mark(report.foreignKeyViolations.length === 0)}  foreign_key_check${report.foreignKeyViolations.length ? `: ${report.foreignKeyViolations.length} rows point at missing records` : ''}`,
    `  ${mark(report.searchIndexDrift === 0)}  client search index${report.searchIndexDrift ? `: ${report.searchIndexDrift} entries out of step (repair with \`tanoda doctor --fix\`)` : ''}`,
    `  ${mark(report.migrations.pending.length === 0)}  migrations: ${report.migrations.applied} of ${report.migrations.available} applied${report.migrations.pending.length ? ` (pending: ${report.migrations.pending.join(', ')}; the app applies them on open)` : ''}`,
    '',
    'Data quality',
    `  ${count(q.clientsWithoutContact.count)} clients without phone or e-mail (and no guardian)`,
    ...q.clientsWithoutContact.sample.slice(0, 5).map((c) => `      ${c.displayName}  ${c.id}`),
    `  ${count(q.duplicatePhones.length)} phone numbers shared by several clients`,
    ...q.duplicatePhones.slice(0, 5).map((d) => `      ${d.value}: ${d.clients.map((c) => c.displayName).join(', ')}`),
    `  ${count(q.duplicateEmails.length)} e-mail addresses shared by several clients`,
    ...q.duplicateEmails.slice(0, 5).map((d) => `      ${d.value}: ${d.clients.map((c) => c.displayName).join(', ')}`),
    `  ${count(q.confirmedWithoutInstalments.count)} confirmed enrollments with a price but no instalments`,
    ...q.confirmedWithoutInstalments.sample.slice(0, 5).map((e) => `      ${e.displayName}  enrollment ${e.enrollmentId}`),
    `  ${count(q.negativeBalances.count)} clients who paid more than they owe (negative balance)`,
    ...q.negativeBalances.sample.slice(0, 5).map((c) => `      ${c.displayName}  ${money(c.balanceMinor)}`),
    '',
    report.ok
      ? 'The database is healthy.'
      : isStructurallySound(report)
        ? 'The file is sound; see the notes above.'
        : 'The database is damaged: restore a backup (`tanoda restore FILE`).',
  ];
  print(lines.join('\n'));
}

const commands: Record<string, Command> = {
  init: {
    usage: 'tanoda init --db FILE [--name NAME] [--currency ISO] [--locale TAG] [--time-zone TZ]',
    summary: 'Create a workspace (settings and the owner account) in a new or empty database.',
    details: `The locale's region becomes the default country for phone numbers
(hu-HU -> HU). Defaults: --name "My school", --currency EUR, --locale en-GB,
--time-zone this computer's. The owner account is called "owner".
A database that already holds a workspace is refused (exit 5).
The file is encrypted with the key in ${KEY_FILE_VARIABLE}; when that file does
not exist it is created with a fresh key, and the recovery key is printed once
(in --json output as "recoveryKey"): write it down, it opens the backups elsewhere.`,
    options: workspaceOptions,
    async run({ values, db, json }) {
      const init = validateWorkspaceOptions(values);
      mkdirSync(dirname(resolve(db)), { recursive: true });
      const cliKey = await keyForDatabase(db);
      const workspace = openWorkspace(db, { key: cliKey.key, secrets: cliKey.secrets });
      try {
        if (isInitialised({ db: workspace.db }))
          throw new AppError('CONFLICT', `${db} already holds a workspace`, [
            { path: ['db'], code: 'initialised', message: 'Already initialised' },
          ]);
        const settings = initWorkspace({ db: workspace.db, clock: workspace.clock }, init);
        const owner = ownerActor(workspace.db);
        // The set-up screen of the command line: a key made now has its recovery key shown here, once.
        const recoveryKey = cliKey.created ? recoveryKeyOf(cliKey.key) : null;
        if (json) printJson({ file: db, settings, owner: owner.username, keyFile: cliKey.from, recoveryKey });
        else
          print(
            `Created "${settings.schoolName}" in ${db}\n  currency ${settings.currency}, locale ${settings.locale} (phone country ${settings.country ?? regionOf(settings.locale) ?? '-'}), time zone ${settings.timeZone}\n  owner account: ${owner.username}\n` +
              (cliKey.created ? recoveryKeyNotice(cliKey) : `  encrypted with the key in ${cliKey.from}`),
          );
        return 0;
      } finally {
        workspace.close();
      }
    },
  },

  call: {
    usage: 'tanoda call <method> [JSON | -] --db FILE [--as USERNAME]\n       tanoda call --list [--json]',
    summary: 'Call any API method through the router and print the JSON result.',
    details: `The input is a JSON object as an argument, or "-" to read it from stdin.
Calls act as the workspace owner unless --as names another user, whose role
then decides what is allowed. The result's value is printed as JSON on stdout.
A typed error goes to stderr as {"code","message","fields":[{"path","code","message"}]}
and the exit code says which: 2 VALIDATION, 3 NOT_FOUND, 4 FORBIDDEN, 5 CONFLICT,
1 anything else (including an unknown --as user). --list shows every method with
its capability and whether it reads or writes.
Example: tanoda call clients.create '{"firstName":"Anna","lastName":"Kovács"}'`,
    options: { as: { type: 'string' }, list: { type: 'boolean', default: false } },
    async run({ values, positionals, db, json }) {
      if (values['list']) {
        const rows = methodNames.map((method) => ({
          method,
          capability: contract[method].capability,
          access: contract[method].access,
          summary: contract[method].summary,
        }));
        if (json) printJson(rows);
        else
          print(
            table(
              ['method', 'capability', 'access', 'summary'],
              rows.map((r) => [r.method, r.capability, r.access, r.summary]),
            ),
          );
        return 0;
      }
      const [method, rawInput, ...extra] = positionals;
      if (!method) throw new UsageError('Name a method, e.g. `tanoda call clients.list`, or use --list');
      if (extra.length > 0) throw new UsageError('Give the input as one JSON argument (quote it) or "-" for stdin');
      const input = parseCallInput(rawInput);
      requireDatabase(db);
      const { key, secrets } = await databaseKeyFor(db);
      const workspace = openWorkspace(db, { key, secrets });
      try {
        const result = await workspace.invoke(callerFor(workspace, values['as']), method, input);
        if (!result.ok) return reportError(result.error, true);
        printJson(result.value ?? null, json);
        return 0;
      } finally {
        workspace.close();
      }
    },
  },

  'seed-demo': {
    usage: 'tanoda seed-demo --db FILE --clients N [--seed S] [--name NAME] [--currency ISO] [--locale TAG] [--time-zone TZ]',
    summary: 'Fill an empty workspace with a realistic demo school.',
    details: `Programs, teachers, rooms, cohorts over the past year and the coming months,
N clients (about 30% children whose guardian is also a client), enrollments in
every status, instalment plans, payments (some partial, some overdue) and
activities, in the workspace's language (Hungarian, English or Chinese).
The same --seed on the same day builds the same school. A new file is
initialised first (the workspace options apply only then); a database that
already holds clients is refused (exit 5).`,
    options: { clients: { type: 'string' }, seed: { type: 'string' }, ...workspaceOptions },
    async run({ values, db, json }) {
      const clients = integerOption(values, 'clients', 1, 2_000_000);
      if (clients === undefined) throw new UsageError('Say how many clients: --clients N');
      const init = validateWorkspaceOptions(values);
      mkdirSync(dirname(resolve(db)), { recursive: true });
      const { key, secrets } = await databaseKeyFor(db);
      const workspace = openWorkspace(db, { key, secrets });
      try {
        let initialised = false;
        if (!isInitialised({ db: workspace.db })) {
          initWorkspace({ db: workspace.db, clock: workspace.clock }, { schoolName: 'Demo school', ...init });
          initialised = true;
        }
        const ctx = { db: workspace.db, clock: workspace.clock, actor: ownerActor(workspace.db) };
        let shown = 0;
        const result = seedDemo(ctx, {
          clients,
          ...(typeof values['seed'] === 'string' ? { seed: values['seed'] } : {}),
          onProgress: (done, total) => {
            if (json || total < 20_000) return;
            const tenth = Math.floor((done / total) * 10);
            if (tenth > shown) {
              shown = tenth;
              process.stderr.write(`  ${tenth * 10}% (${count(done)} clients)\n`);
            }
          },
        });
        if (json) printJson({ file: db, initialised, ...result });
        else
          print(
            [
              `${initialised ? `Initialised a new workspace in ${db}. ` : ''}Seeded a demo school (seed ${result.seed}, as of ${result.today}) in ${seconds(result.ms)}:`,
              `  ${result.programs} programs, ${result.teachers} teachers, ${result.rooms} rooms, ${count(result.cohorts)} cohorts`,
              `  ${count(result.clients)} clients (${count(result.children)} children with a guardian)`,
              `  ${count(result.enrollments)} enrollments, ${count(result.instalments)} instalments, ${count(result.payments)} payments, ${count(result.activities)} activities`,
              `  ${count(result.changes)} change-log entries in ${count(result.changeLogRows)} rows (${count(Math.round(result.clients / (result.ms / 1000)))} clients/s)`,
            ].join('\n'),
          );
        return 0;
      } finally {
        workspace.close();
      }
    },
  },

  stats: {
    usage: 'tanoda stats --db FILE [--json]',
    summary: 'How many records of each kind, and how big the file is.',
    details: 'Live and deleted rows per table, enrollments and cohorts by status, change-log size. Reads only.',
    options: {},
    async run({ db, json }) {
      return withDb(await openReadOnly(db), (handle) => {
        const stats = databaseStats(handle);
        if (json) {
          printJson(stats);
          return 0;
        }
        print(
          [
            `${stats.schoolName ?? '(no workspace yet)'} — ${stats.file}`,
            `  ${megabytes(stats.bytes)}${stats.walBytes ? ` + ${megabytes(stats.walBytes)} write-ahead log` : ''}; ${count(stats.changes)} change-log entries; currency ${stats.currency ?? '-'}, locale ${stats.locale ?? '-'}`,
            '',
            table(
              ['table', 'live', 'deleted'],
              stats.tables.map((t) => [t.table, count(t.live), count(t.deleted)]),
              [1, 2],
            ),
            '',
            `Enrollments by status: ${
              Object.entries(stats.enrollmentsByStatus)
                .map(([s, n]) => `${s} ${count(n)}`)
                .join(', ') || 'none'
            }`,
            `Cohorts by status: ${
              Object.entries(stats.cohortsByStatus)
                .map(([s, n]) => `${s} ${count(n)}`)
                .join(', ') || 'none'
            }`,
          ].join('\n'),
        );
        return 0;
      });
    },
  },

  doctor: {
    usage: 'tanoda doctor --db FILE [--json] [--fix]',
    summary: 'Check the file (integrity, foreign keys, search index, migrations) and the data.',
    details: `Runs PRAGMA integrity_check and foreign_key_check, compares the client search
index with the clients table, lists migrations not yet applied, and reports data
to look at: clients without phone and e-mail, phones and e-mails shared by
several clients, confirmed enrollments without instalments, negative balances.
Reads only, unless --fix, which rebuilds the client search index first.
Exit 1 when integrity_check or foreign_key_check fails, 0 otherwise.`,
    options: { fix: { type: 'boolean', default: false } },
    async run({ values, db, json }) {
      requireDatabase(db);
      const { key, secrets } = await databaseKeyFor(db);
      let handle: Db;
      try {
        handle = openDatabase(db, {
          key,
          secrets,
          readonly: values['fix'] !== true,
          // --fix opens for writing, so a plain file from an earlier version is encrypted: backed up first, as the app does.
          beforeEncrypt: (plain) => void backupBeforeEncryption(plain, db, key, new Date()),
        });
      } catch (error) {
        const message = `Cannot open ${db}: ${error instanceof Error ? error.message : String(error)}`;
        if (json) printJson({ file: db, ok: false, integrity: [message] });
        else print(`Database ${db}\n  FAIL  ${message}`);
        return 1;
      }
      return withDb(handle, (opened) => {
        const repaired = values['fix'] ? repairSearchIndex(opened) : null;
        let report: DoctorReport;
        try {
          report = diagnose(opened, workspaceToday(opened, new Date()));
        } catch (error) {
          const message = `Cannot examine ${db}: ${error instanceof Error ? error.message : String(error)}`;
          if (json) printJson({ file: db, ok: false, integrity: [message] });
          else print(`Database ${db}\n  FAIL  ${message}`);
          return 1;
        }
        if (json) printJson(repaired ? { ...report, repairedSearchIndex: repaired } : report);
        else {
          if (repaired) print(`Rebuilt the client search index (${repaired.before} entries were out of step).`);
          const settings = opened.sqlite.prepare('SELECT currency, locale FROM settings WHERE deleted_at IS NULL LIMIT 1').get() as
            { currency: string; locale: string } | undefined;
          printDoctor(report, settings?.currency ?? null, settings?.locale ?? null);
        }
        return isStructurallySound(report) ? 0 : 1;
      });
    },
  },

  backup: {
    usage: 'tanoda backup --db FILE --out BACKUP [--json]',
    summary: 'Copy the database with SQLite’s online backup and verify the copy.',
    details: `Safe while the app is running. The copy is a single self-contained file,
encrypted with the database's key (so its recovery key opens it on another
computer), 0600, and is checked with integrity_check before it replaces anything
at BACKUP.`,
    options: { out: { type: 'string' } },
    async run({ values, db, json }) {
      const out = values['out'];
      if (typeof out !== 'string' || out === '') throw new UsageError('Say where to write the backup: --out FILE');
      if (resolve(out) === resolve(db)) throw new UsageError('The backup cannot overwrite the database itself');
      mkdirSync(dirname(resolve(out)), { recursive: true });
      const handle = await openReadOnly(db);
      try {
        const result = await backupDatabase(handle, out);
        if (json) printJson(result);
        else print(`Backed up ${db} to ${result.file} (${megabytes(result.bytes)}, ${seconds(result.ms)}); integrity_check ok.`);
        return 0;
      } finally {
        closeDatabase(handle);
      }
    },
  },

  restore: {
    usage: 'tanoda restore BACKUP --db FILE [--json]',
    summary: 'Replace the database with a backup (close the app first).',
    details: `Refuses a file that is not a Tanoda database or fails integrity_check (exit 2),
leaving the current database untouched. A backup the database's key does not open
(one from another computer) needs its recovery key, typed at the terminal; on a
computer without ${KEY_FILE_VARIABLE} that recovery key also becomes the restored
database's key. Without a terminal such a backup is refused (exit 4). Otherwise saves the current database
next to it as <name>.before-restore-<time>.db, swaps the backup in with one
rename, and applies any newer migrations to it.`,
    options: {},
    async run({ positionals, db, json }) {
      const [source, ...extra] = positionals;
      if (!source) throw new UsageError('Name the backup to restore: tanoda restore BACKUP --db FILE');
      if (extra.length > 0) throw new UsageError('Restore one backup at a time');
      if (resolve(source) === resolve(db)) throw new UsageError('The backup and the database are the same file');
      if (!existsSync(source))
        throw new AppError('NOT_FOUND', `There is no file at ${source}`, [{ path: ['file'], code: 'not_found', message: 'No such file' }]);
      mkdirSync(dirname(resolve(db)), { recursive: true });
      const { key, sourceKey, secrets } = await restoreKeys(db, source);
      const result = await restoreDatabase(db, source, sourceKey ? { key, sourceKey } : { key });
      const workspace = openWorkspace(db, { key, secrets });
      const schoolName = (() => {
        try {
          return getSettings({ db: workspace.db }).schoolName;
        } finally {
          workspace.close();
        }
      })();
      if (json) printJson({ ...result, schoolName });
      else
        print(
          `Restored "${schoolName}" from ${source} into ${db} (${seconds(result.ms)}).${result.safetyBackup ? `\n  The database it replaced is saved as ${result.safetyBackup}` : ''}`,
        );
      return 0;
    },
  },

  web: {
    usage: 'tanoda web --db FILE [--port P]',
    summary: 'Serve the app in a browser over the local HTTP bridge until Ctrl-C.',
    details: `Listens on 127.0.0.1 only and prints the address to open (it carries the access
token). Builds the renderer with \`npx electron-vite build\` first when out/renderer
is missing. Each browser tab signs in like the app does (as the owner, without a
password, until the owner has set one).`,
    options: { port: { type: 'string' } },
    async run({ values, db, json }) {
      const port = integerOption(values, 'port', 0, 65535) ?? 0;
      const root = projectRoot();
      const rendererDir = join(root, 'out', 'renderer');
      if (!existsSync(join(rendererDir, 'index.html'))) {
        process.stderr.write(`The renderer is not built yet (${rendererDir}): building it with \`npx electron-vite build\`…\n`);
        const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
        if (build.status !== 0 || !existsSync(join(rendererDir, 'index.html')))
          throw new AppError('INTERNAL', 'Building the renderer failed; run `npx electron-vite build` to see why');
      }
      requireDatabase(db);
      const { key, secrets } = await databaseKeyFor(db);
      const workspace = openWorkspace(db, { key, secrets });
      const { startBridge } = await import('../bridge/server');
      const bridge = await startBridge({ workspace, port, rendererDir });
      if (json) printJson({ url: bridge.url, port: bridge.port });
      else print(`Tanoda is serving ${db}\n  open ${bridge.url}\n  Ctrl-C to stop`);
      setImmediate(() => void prepareFirstScreen(workspace));
      await new Promise<void>((done) => {
        const stop = () => done();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await bridge.close();
      workspace.close();
      if (!json) print('Stopped.');
      return 0;
    },
  },
  ...importCommands,
  ...syncCommands,
};

// ---- dispatch ---------------------------------------------------------------------------

function overview(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'tanoda — Tanoda from the command line (the same services as the app)',
    '',
    'Usage: tanoda <command> --db FILE [--json] [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    commonHelp,
    '',
    'Run `tanoda <command> --help` for the options of one command.',
    'Exit codes: 0 ok, 1 failure, 2 invalid input or usage, 3 not found, 4 forbidden, 5 conflict.',
  ].join('\n');
}

function helpFor(name: string, command: Command): string {
  return [`Usage: ${command.usage}`, '', command.summary, '', command.details, '', commonHelp].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic ? commands[topic] : undefined;
    print(command && topic ? helpFor(topic, command) : overview());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`tanoda: unknown command "${name}"\n\n${overview()}\n`);
    return usageExit;
  }
  const wantsJson = rest.includes('--json');
  let invocation: Invocation;
  try {
    const parsed = parseArgs({ args: [...rest], options: { ...commonOptions, ...command.options }, allowPositionals: true, strict: true });
    const values = parsed.values as Values;
    if (values['help']) {
      print(helpFor(name, command));
      return 0;
    }
    invocation = {
      values,
      positionals: parsed.positionals,
      db: typeof values['db'] === 'string' && values['db'] !== '' ? values['db'] : defaultDatabaseFile(),
      json: values['json'] === true,
    };
  } catch (error) {
    process.stderr.write(`tanoda ${name}: ${error instanceof Error ? error.message : String(error)}\nUsage: ${command.usage}\n`);
    return usageExit;
  }
  try {
    return await command.run(invocation);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`tanoda ${name}: ${error.message}\nUsage: ${command.usage}\n`);
      return usageExit;
    }
    return reportError(toErrorData(error), wantsJson || name === 'call');
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
