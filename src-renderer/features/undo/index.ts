/**
 * The undo feature's public face: the header control (button, recent-actions
 * menu and the Ctrl/Cmd+Z shortcut).
 */
export { UndoControl } from './UndoControl';
