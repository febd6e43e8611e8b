/**
 * The Import screen's actions over its session: read a picked file, ask the
 * engine for a preview after every change, record row decisions and commit.
 * Every preview carries a request number, so an answer to a superseded request
 * is dropped rather than shown, and the commit sends the same input as the
 * preview on screen. Refusals become messages for the place they came from: the
 * file drop for a refused file, the review for a failed preview or commit.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importFileErrorCodes, type ImportPreview } from '../../../src-shared/api/imports-methods';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { readPickedFile, refusalOf } from './file';
import { commitInput, previewInput, useImportSession, type ImportDraft, type RowDecision } from './store';

const fileFields = new Set(['file', 'fileName', 'contentBase64', 'sheet', 'mapping', 'options']);

/** The message for an engine refusal: the file-level code when there is one, the error code otherwise. */
function useDescribeError() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('errors.code.INTERNAL');
    for (const field of error.fields) {
      if (!fileFields.has(String(field.path[0] ?? ''))) continue;
      if ((importFileErrorCodes as readonly string[]).includes(field.code)) return t(`imports.fileErrors.${field.code}`);
      if (field.path[0] === 'contentBase64' && field.code === 'too_big') return t('imports.fileErrors.file_too_large');
    }
    if (error.code === 'VALIDATION') return t('imports.fileErrors.generic');
    return t(`errors.code.${error.code}`);
  };
}

/** The stable code of a file-level refusal (file_expands, too_many_columns …), shown beside its text for support. */
function fileCodeOf(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const field = error.fields.find((f) => f.path[0] === 'file' && (importFileErrorCodes as readonly string[]).includes(f.code));
  return field?.code ?? null;
}

export function useImportFlow() {
  const { t } = useTranslation();
  const api = useApi();
  const describeError = useDescribeError();
  const session = useImportSession();
  const { draft, startReading, setDraft, setPreview, setPhase, finish, reset } = session;
  const [fileError, setFileError] = useState<string | null>(null);
  const [fileErrorCode, setFileErrorCode] = useState<string | null>(null);
  const [reviewError, setReviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [readingName, setReadingName] = useState('');
  const latest = useRef(0);

  const runPreview = async (next: ImportDraft, from: 'file' | 'review') => {
    const request = ++latest.current;
    setPreviewing(true);
    setReviewError(null);
    try {
      const answer = await api.call('imports.preview', previewInput(next));
      if (request !== latest.current) return;
      setPreview(answer);
      setPhase('review');
    } catch (error) {
      if (request !== latest.current) return;
      if (from === 'file') {
        setFileError(describeError(error));
        setFileErrorCode(fileCodeOf(error));
        reset();
      } else {
        setReviewError(describeError(error));
      }
    } finally {
      if (request === latest.current) setPreviewing(false);
    }
  };

  const onFile = async (file: File) => {
    setFileError(null);
    setFileErrorCode(null);
    const refusal = refusalOf(file);
    if (refusal) {
      setFileError(t(`imports.refusal.${refusal}`, { fileName: file.name }));
      return;
    }
    setReadingName(file.name);
    startReading();
    let picked;
    try {
      picked = await readPickedFile(file);
    } catch {
      setFileError(t('imports.refusal.unreadable', { fileName: file.name }));
      reset();
      return;
    }
    const next: ImportDraft = { file: picked, dateOrder: 'auto', mapping: {}, decisions: {} };
    setDraft(next);
    await runPreview(next, 'file');
  };

  /** A change on the review step (sheet, header row, date order, mapping): a fresh preview. */
  const change = (update: Partial<Omit<ImportDraft, 'file'>>) => {
    if (!draft) return;
    const next = { ...draft, ...update };
    setDraft(next);
    void runPreview(next, 'review');
  };

  const decide = (row: number, decision: RowDecision) => {
    if (!draft) return;
    setDraft({ ...draft, decisions: { ...draft.decisions, [row]: decision } });
  };

  const commit = async (current: ImportDraft, shown: ImportPreview) => {
    setReviewError(null);
    setPhase('committing');
    try {
      finish(await api.call('imports.commit', commitInput(current, shown)));
    } catch (error) {
      setPhase('review');
      setReviewError(`${t('imports.commitFailed')} ${describeError(error)}`);
    }
  };

  return { session, fileError, fileErrorCode, reviewError, previewing, readingName, onFile, change, decide, commit };
}
