/**
 * The keyboard shortcuts the app really has, as data for the shortcut sheet:
 * the global ones (the command palette's Ctrl/Cmd+K, undo's Ctrl/Cmd+Z, this
 * help's F1 and ?), the grid's spreadsheet keys as grid/model/keyboard.ts
 * and grid/useGridKeyboard.ts define them (with copy and paste from
 * grid/useClipboard.ts), and the few single-screen ones. Kept as a list beside
 * the code it describes rather than in prose, so a key added to the grid is one
 * line here and the sheet cannot describe a key that does not exist.
 *
 * A combination is a list of key names; `Mod` is Ctrl, or ⌘ on a Mac.
 */
export type ShortcutGroup = 'everywhere' | 'table' | 'editing' | 'elsewhere';

export interface Shortcut {
  /** Alternatives, each a combination of keys pressed together. */
  keys: string[][];
  /** The key of its description under `help.shortcuts.keys`. */
  what: string;
}

export const shortcutSheet: { group: ShortcutGroup; items: Shortcut[] }[] = [
  {
    group: 'everywhere',
    items: [
      { keys: [['Mod', 'K']], what: 'palette' },
      { keys: [['Mod', 'Z']], what: 'undo' },
      { keys: [['F1']], what: 'help' },
      { keys: [['?']], what: 'shortcuts' },
      { keys: [['Esc']], what: 'close' },
    ],
  },
  {
    group: 'table',
    items: [
      { keys: [['↑'], ['↓'], ['←'], ['→']], what: 'move' },
      {
        keys: [
          ['Mod', '↑'],
          ['Mod', '↓'],
          ['Mod', '←'],
          ['Mod', '→'],
        ],
        what: 'jump',
      },
      {
        keys: [
          ['Shift', '↑'],
          ['Shift', '↓'],
          ['Shift', '←'],
          ['Shift', '→'],
        ],
        what: 'extend',
      },
      { keys: [['Home'], ['End']], what: 'rowEnds' },
      {
        keys: [
          ['Mod', 'Home'],
          ['Mod', 'End'],
        ],
        what: 'tableEnds',
      },
      { keys: [['PageUp'], ['PageDown']], what: 'page' },
      { keys: [['Tab'], ['Shift', 'Tab']], what: 'tab' },
      { keys: [['Enter'], ['F2']], what: 'edit' },
      { keys: [['A…Z']], what: 'type' },
      { keys: [['Shift', 'Enter']], what: 'open' },
      { keys: [['Mod', 'A']], what: 'selectAll' },
      { keys: [['Mod', 'C']], what: 'copy' },
      { keys: [['Mod', 'V']], what: 'paste' },
      { keys: [['Esc']], what: 'clearSelection' },
      { keys: [['↓'], ['Enter']], what: 'searchToTable' },
    ],
  },
  {
    group: 'editing',
    items: [
      { keys: [['Enter']], what: 'commitDown' },
      { keys: [['Shift', 'Enter']], what: 'commitUp' },
      { keys: [['Tab']], what: 'commitRight' },
      { keys: [['Esc']], what: 'cancel' },
    ],
  },
  {
    group: 'elsewhere',
    items: [
      { keys: [['Mod', 'Enter']], what: 'addNote' },
      { keys: [['Enter']], what: 'headerRow' },
    ],
  },
];
