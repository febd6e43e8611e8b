/**
 * The payments feature's public face: the section screen and the two dialogs the
 * client page reuses.
 */
export { PaymentsPage } from './PaymentsPage';
export { RecordPaymentDialog } from './RecordPaymentDialog';
export { VoidPaymentDialog } from './VoidPaymentDialog';
