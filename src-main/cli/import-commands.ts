/**
 * The CLI's `import`, `import-undo` and `export` commands (DESIGN.md "CLI"),
 * joined into cli/index.ts's command table by one spread. They call the same router
 * methods the Import screen does (`imports.commit`, `imports.undo`,
 * `exports.table`) as the workspace owner (or `--as`), so a script and a person
 * get the same checks, the same batch and the same undo.
 *
 * `import` prints the DESIGN.md summary `{batchId, created, updated, skipped,
 * errors:[{row, column, message}]}` as JSON on stdout; notes for people (a dry
 * run, a file imported before) go to stderr so the JSON stays parseable. A typed
 * error is thrown and cli.ts reports it with its exit code.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { AppError } from '../../src-shared/errors';
import {
  dateOrders,
  duplicatePolicies,
  exportTables,
  type ExportFile,
  type ImportResult,
  type ImportUndoResult,
} from '../../src-shared/api/imports-methods';
import { callApi, note, print, withWorkspace, type Command } from './common';

function oneOf<T extends string>(value: unknown, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new AppError('VALIDATION', `--${option} must be one of ${allowed.join(', ')}`, [
      { path: [option], code: 'invalid_option', message: `One of ${allowed.join(', ')}` },
    ]);
  }
  return value as T;
}

function single(positionals: string[], what: string): string {
  const [value, ...rest] = positionals;
  if (!value || rest.length > 0)
    throw new AppError('VALIDATION', `Give exactly one ${what}`, [{ path: [what], code: 'required', message: `Give one ${what}` }]);
  return value;
}

/** The page cache of the CLI's connection during `import` (KiB). */
const cliCacheKib = 8 * 1024;

export const importCommands: Record<string, Command> = {
  import: {
    usage:
      'tanoda import <file> --db FILE [--sheet NAME] [--dry-run] [--policy merge|create|skip] [--locale TAG] [--date-order auto|dmy|mdy|ymd] [--as USERNAME]',
    summary: 'Import a CSV/TSV/XLSX/ODS sheet of clients, enrollments and payments as one undoable batch.',
    details: `Encoding (UTF-8/16, windows-1250/1251/1252, GB18030) and delimiter are detected, the
header row is found below any title rows, and columns are mapped from their headers
(Hungarian, Chinese, English, French, German, Russian) or their values; a mapping saved
in the app for the same headers is reused. Totals and blank rows are skipped.
Prints {"batchId","created","updated","skipped","errors":[{"row","column","message"}]}.

Duplicates with the default --policy merge: a row is merged into an existing client
(or an earlier row) only when the same person is certain — the same external id, the
same name with a shared e-mail or phone, or an identical row (only empty fields are
filled in; differing values are kept in the client's extra fields). A shared e-mail or
phone under another name or birth date (siblings, a parent) makes a new client with a
"shared_contact" note; a match by name alone makes a new client and reports a
"name_only_match" warning. --policy create never merges with existing clients;
--policy skip leaves matched rows out. Each merge can be undone on its own with
\`call imports.undoMerge '{"batchId":…,"mergeId":…}'\` (ids in \`call imports.get\`).
Row problems (bad e-mail, unreadable date) are reported with row and column and the
value is kept in the client's extra fields; rows with no name, e-mail or phone are skipped.
Limits: a workbook whose zip expands past 120 MB or 200-fold, or a sheet of more than
1,500,000 cells, is refused (file_expands); more than 1,000 columns too (too_many_columns);
a cell over 10,000 characters is left out with a cell_too_long error on its row and column.
The import is one transaction: all of it is written or nothing. Importing the same file
the same way again writes nothing (the earlier batch id is printed). --dry-run reports
what would happen without writing. Undo with \`tanoda import-undo <batchId>\`.`,
    options: {
      sheet: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      policy: { type: 'string' },
      locale: { type: 'string' },
      'date-order': { type: 'string' },
      as: { type: 'string' },
    },
    async run({ values, positionals, db, json }) {
      const file = single(positionals, 'file');
      if (!existsSync(file))
        throw new AppError('NOT_FOUND', `There is no file ${file}`, [{ path: ['file'], code: 'not_found', message: 'No such file' }]);
      const contentBase64 = readFileSync(file).toString('base64');
      const policy = oneOf(values['policy'], duplicatePolicies, 'policy');
      const dateOrder = oneOf(values['date-order'], dateOrders, 'date-order');
      const options = {
        ...(policy ? { duplicatePolicy: policy } : {}),
        ...(dateOrder ? { dateOrder } : {}),
        ...(typeof values['locale'] === 'string' ? { locale: values['locale'] } : {}),
      };
      const result = await withWorkspace(db, (workspace) => {
        // One command, one import, then the process ends: the screens' 64 MB page cache
        // (db/connection.ts) would only fill with pages the import wrote and its
        // change-log read-back after the commit (see the service's own cache while writing).
        workspace.db.sqlite.pragma(`cache_size = -${cliCacheKib}`);
        return callApi<ImportResult>(workspace, values['as'], 'imports.commit', {
          fileName: basename(file),
          contentBase64,
          ...(typeof values['sheet'] === 'string' ? { sheet: values['sheet'] } : {}),
          options,
          dryRun: values['dry-run'] === true,
        });
      });
      const summary = {
        batchId: result.dryRun ? null : result.batchId,
        created: result.created,
        updated: result.updated,
        skipped: result.skipped,
        errors: result.errors.map((e) => ({ row: e.row, column: e.column, message: e.message })),
      };
      print(JSON.stringify(summary, null, json ? undefined : 2));
      if (result.alreadyImported)
        note(`This file was imported before (batch ${result.batchId}) with the same settings: nothing was written.`);
      else if (result.dryRun) note('Dry run: nothing was written.');
      return 0;
    },
  },

  'import-undo': {
    usage: 'tanoda import-undo <batchId> --db FILE [--as USERNAME]',
    summary: 'Undo an import: soft-delete what it created and put back the fields it changed.',
    details: `Every record the batch created is deleted (softly: the deleted-records list, or
\`call audit.restore\`, brings one back) and fields it filled in on existing clients
are put back, unless someone has changed them since. Refused (exit 5) when records added later hang on the batch's
clients or enrollments, or when the batch was already undone. Needs the owner's rights.`,
    options: { as: { type: 'string' } },
    async run({ values, positionals, db, json }) {
      const batchId = single(positionals, 'batchId');
      const result = await withWorkspace(db, (workspace) =>
        callApi<ImportUndoResult>(workspace, values['as'], 'imports.undo', { batchId }),
      );
      print(JSON.stringify(result, null, json ? undefined : 2));
      return 0;
    },
  },

  export: {
    usage: 'tanoda export <table> --db FILE --format csv|xlsx --out FILE [--include-deleted]',
    summary: 'Export a whole table as CSV (UTF-8 with BOM) or XLSX.',
    details: `Tables: ${exportTables.join(', ')}.
Columns keep their database names; money is in minor units, dates are ISO.
XLSX cells hold at most 32,767 characters: longer text is cut there with a warning on
stderr (the CSV keeps it whole).`,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      'include-deleted': { type: 'boolean', default: false },
      as: { type: 'string' },
    },
    async run({ values, positionals, db, json }) {
      const table = oneOf(single(positionals, 'table'), exportTables, 'table');
      const format = oneOf(values['format'] ?? 'csv', ['csv', 'xlsx'] as const, 'format');
      const out = values['out'];
      if (typeof out !== 'string' || out === '')
        throw new AppError('VALIDATION', 'Give the output file with --out FILE', [
          { path: ['out'], code: 'required', message: 'required' },
        ]);
      const file = await withWorkspace(db, (workspace) =>
        callApi<ExportFile>(workspace, values['as'], 'exports.table', {
          table,
          format,
          includeDeleted: values['include-deleted'] === true,
        }),
      );
      const target = resolve(out);
      mkdirSync(dirname(target), { recursive: true });
      const bytes = Buffer.from(file.contentBase64, 'base64');
      writeFileSync(target, bytes);
      for (const warning of file.warnings) note(`Warning: ${warning.message}`);
      if (json) print(JSON.stringify({ file: target, bytes: bytes.length, mime: file.mime, warnings: file.warnings }));
      else print(`Wrote ${target} (${bytes.length.toLocaleString('en-US')} bytes)`);
      return 0;
    },
  },
};
