/**
 * The New-enrollment feature's public face: the dialog (mounted once by the
 * frame) and the opener every screen and the command palette call.
 */
export { EnrollDialog } from './EnrollDialog';
export { openEnrollDialog, type EnrollPreset } from './store';
