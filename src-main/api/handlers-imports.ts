/**
 * Handlers of the import and export area (src-shared/api/imports-methods.ts),
 * joined into the router's table by one spread in handlers.ts. Typed against the
 * contract so a missing or mistyped handler does not compile.
 */
import { exportClient, exportTable } from '../services/exports';
import { commitImport, getImport, listImports, previewImport, undoImport, undoImportMerge } from '../services/imports';
import type { Handler } from './router';

export const importsHandlers = {
  'imports.preview': previewImport,
  'imports.commit': commitImport,
  'imports.undo': undoImport,
  'imports.undoMerge': undoImportMerge,
  'imports.list': (ctx) => listImports(ctx),
  'imports.get': getImport,
  'exports.table': exportTable,
  'exports.client': exportClient,
} satisfies {
  [
    M in
      | 'imports.preview'
      | 'imports.commit'
      | 'imports.undo'
      | 'imports.undoMerge'
      | 'imports.list'
      | 'imports.get'
      | 'exports.table'
      | 'exports.client'
  ]: Handler<M>;
};
