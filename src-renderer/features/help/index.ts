/**
 * The help feature's public face: the header's "?" button with the drawer it
 * opens (a how-to for the open screen and the keyboard-shortcut sheet).
 */
export { HelpButton } from './HelpDrawer';
