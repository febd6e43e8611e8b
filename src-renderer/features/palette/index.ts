/**
 * The command palette's public face: the palette (mounted once by the frame)
 * and a way to open it from a button.
 */
export { CommandPalette, openPalette } from './CommandPalette';
export { QuickActions } from './QuickActions';
