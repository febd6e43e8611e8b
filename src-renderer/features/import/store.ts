/**
 * The import in progress, as the person shapes it: the file they picked, the
 * sheet, the header row and date order they corrected, the column mappings they
 * changed and what to do with each possible duplicate. It lives in a store (not
 * in the page) so a trip to the Clients section from the report and back does
 * not throw the work away.
 *
 * Only choices are kept, never rows of the database: the preview is the
 * engine's answer to these choices and is asked for again whenever one changes,
 * so what the person confirms is exactly what the engine last showed them.
 */
import { create } from 'zustand';
import type { MethodInput } from '../../../src-shared/api/contract';
import type { DateOrder, ImportField, ImportPreview, ImportResult } from '../../../src-shared/api/imports-methods';
import type { PickedFile } from './file';

export type ImportPhase = 'choose' | 'reading' | 'review' | 'committing' | 'report';
export type RowDecision = 'merge' | 'create' | 'skip';

export interface ImportDraft {
  file: PickedFile;
  sheet?: string;
  headerRow?: number;
  dateOrder: DateOrder;
  /** Only the columns whose mapping the person changed; the rest keep the engine's choice. */
  mapping: Record<number, ImportField | null>;
  /** Per sheet row, for rows the preview matched to an existing client. */
  decisions: Record<number, RowDecision>;
}

interface ImportState {
  phase: ImportPhase;
  draft: ImportDraft | null;
  preview: ImportPreview | null;
  result: ImportResult | null;
  /** The file name the result belongs to (the draft is gone once the report shows). */
  resultFileName: string | null;
  startReading(): void;
  setDraft(draft: ImportDraft): void;
  updateDraft(change: Partial<Omit<ImportDraft, 'file'>>): void;
  setPreview(preview: ImportPreview | null): void;
  setPhase(phase: ImportPhase): void;
  finish(result: ImportResult): void;
  reset(): void;
}

export const useImportSession = create<ImportState>()((set) => ({
  phase: 'choose',
  draft: null,
  preview: null,
  result: null,
  resultFileName: null,
  startReading: () => set({ phase: 'reading', preview: null, result: null }),
  setDraft: (draft) => set({ draft }),
  updateDraft: (change) => set((s) => (s.draft ? { draft: { ...s.draft, ...change } } : {})),
  setPreview: (preview) => set({ preview }),
  setPhase: (phase) => set({ phase }),
  finish: (result) => set((s) => ({ phase: 'report', result, resultFileName: s.draft?.file.fileName ?? null, draft: null, preview: null })),
  reset: () => set({ phase: 'choose', draft: null, preview: null, result: null, resultFileName: null }),
}));

/** The preview/commit input for a draft: the same object both methods take. */
export function previewInput(draft: ImportDraft): MethodInput<'imports.preview'> {
  const mapping = Object.entries(draft.mapping).map(([column, field]) => ({ column: Number(column), field }));
  return {
    fileName: draft.file.fileName,
    contentBase64: draft.file.contentBase64,
    ...(draft.sheet === undefined ? {} : { sheet: draft.sheet }),
    ...(mapping.length === 0 ? {} : { mapping }),
    options: {
      dateOrder: draft.dateOrder,
      duplicatePolicy: 'merge',
      ...(draft.headerRow === undefined ? {} : { headerRow: draft.headerRow }),
    },
  };
}

/**
 * Decisions go only for the rows where the person chose differently from what
 * the preview proposed; every other matched row follows the same default policy
 * the preview applied, so the commit cannot drift from what was shown.
 */
export function commitInput(draft: ImportDraft, preview: ImportPreview): MethodInput<'imports.commit'> {
  const decisions = preview.matches.flatMap((match) => {
    const chosen = draft.decisions[match.row];
    if (chosen === undefined || chosen === match.action) return [];
    return [{ row: match.row, action: chosen, ...(match.in === 'database' ? { clientId: match.clientId } : {}) }];
  });
  return { ...previewInput(draft), ...(decisions.length === 0 ? {} : { decisions }), dryRun: false };
}
