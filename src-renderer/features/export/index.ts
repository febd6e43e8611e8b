/**
 * The export feature's public face: the reusable table export menu, the
 * per-client data export for a client's page, and the download helper other
 * features use to save a file the API produced.
 */
export { ClientDataExport } from './ClientDataExport';
export { ExportMenu, type ExportMenuProps, type ExportTable } from './ExportMenu';
export { base64ToBytes, saveBytes } from './download';
