/**
 * The receipts feature's public face: the receipt dialog a payment row opens and
 * the school's receipt details, both used by the payments screen.
 */
export { ReceiptDialog } from './ReceiptDialog';
export { SchoolDetailsDialog } from './SchoolDetailsDialog';
