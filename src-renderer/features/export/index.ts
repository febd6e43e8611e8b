/**
 * The export feature's public face: the reusable menu, and the download helper
 * other features use to save a file the API produced.
 */
export { ExportMenu, type ExportMenuProps, type ExportTable } from './ExportMenu';
export { base64ToBytes, saveBytes } from './download';
