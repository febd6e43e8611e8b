/**
 * Handlers of the data-quality and receipts areas (src-shared/api/quality-methods.ts,
 * receipts-methods.ts). Typed against the contract's own subsets, so a missing or
 * mistyped handler here fails to compile just as in handlers.ts.
 */
import type { qualityMethods } from '../../src-shared/api/quality-methods';
import type { receiptsMethods } from '../../src-shared/api/receipts-methods';
import { archiveClients, archivePreview } from '../services/quality/archive';
import { findDuplicates } from '../services/quality/duplicates';
import { mergeClients, mergePreview } from '../services/quality/merge';
import { qualityReport } from '../services/quality/score';
import { receiptDocument } from '../services/receipts/document';
import { issueReceipt, listReceipts, readSchoolDetails, updateSchoolDetails, voidReceipt } from '../services/receipts/receipts';
import type { Handlers } from './router';

export const qualityHandlers = {
  'quality.score': (ctx) => qualityReport(ctx),
  'quality.duplicates': (ctx) => findDuplicates(ctx),
  'quality.mergePreview': mergePreview,
  'quality.merge': mergeClients,
  'quality.archivePreview': archivePreview,
  'quality.archive': archiveClients,
} satisfies Pick<Handlers, keyof typeof qualityMethods>;

export const receiptsHandlers = {
  'receipts.details': (ctx) => readSchoolDetails(ctx),
  'receipts.updateDetails': updateSchoolDetails,
  'receipts.list': listReceipts,
  'receipts.issue': issueReceipt,
  'receipts.void': voidReceipt,
  'receipts.document': receiptDocument,
} satisfies Pick<Handlers, keyof typeof receiptsMethods>;
