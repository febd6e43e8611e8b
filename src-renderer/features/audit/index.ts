/**
 * The audit feature's public face: the owner's global log for Settings, and
 * `<RecordHistory table id />` for any record's own page.
 */
export { AuditLogTab } from './AuditLogTab';
export { RecordHistory } from './RecordHistory';
