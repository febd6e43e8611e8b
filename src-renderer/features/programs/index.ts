/**
 * The programs feature's public face: other parts of the renderer import the
 * screen from here and nothing from inside the folder.
 */
export { ProgramsPage } from './ProgramsPage';
