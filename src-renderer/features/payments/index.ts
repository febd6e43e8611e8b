/**
 * The payments feature's public face: the section screen and the dialogs the
 * client page reuses (record, void, refund).
 */
export { PaymentsPage } from './PaymentsPage';
export { RecordPaymentDialog } from './RecordPaymentDialog';
export { VoidPaymentDialog } from './VoidPaymentDialog';
export { RefundDialog, type RefundTarget } from './RefundDialog';
