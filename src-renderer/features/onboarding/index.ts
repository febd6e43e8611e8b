/**
 * The first run's public face: the gate that shows the owner the set-up wizard
 * on an empty school (mounted by the frame around the app), and the set-up
 * checklist that Today shows until the school is set up.
 */
export { FirstRunGate } from './FirstRunGate';
export { SetupChecklist } from './SetupChecklist';
