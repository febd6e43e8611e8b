/**
 * Turning the file a person dropped into what the import API accepts: its name
 * and its bytes as base64. Everything happens in the renderer with the File API
 * (no Node, no path on disk), so the same code serves the Electron window and
 * the browser preview. The bytes are sent untouched — encoding, delimiter and
 * sheet detection belong to the engine in the main process, which sees the
 * same bytes whichever host the file came from.
 *
 * Files are refused here only for what the renderer can know for sure (empty,
 * too large to send in one call, an extension no reader handles), each with a
 * reason code the screen translates; everything else is the engine's verdict.
 */

export const acceptedExtensions = ['csv', 'tsv', 'txt', 'xlsx', 'xls', 'xlsm', 'ods'] as const;

/** What the hidden file input offers in the system dialog. */
export const acceptAttribute = acceptedExtensions.map((ext) => `.${ext}`).join(',');

/** 64 MB: far above a school's sheet (100,000 rows of CSV are about 13 MB), below what one call should carry. */
export const maxFileBytes = 64 * 1024 * 1024;

export type FileRefusal = 'empty' | 'tooLarge' | 'extension';

export interface PickedFile {
  fileName: string;
  sizeBytes: number;
  contentBase64: string;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** Why a file cannot even be sent, or null when it may go to the engine. */
export function refusalOf(file: { name: string; size: number }): FileRefusal | null {
  if (!(acceptedExtensions as readonly string[]).includes(extensionOf(file.name))) return 'extension';
  if (file.size === 0) return 'empty';
  if (file.size > maxFileBytes) return 'tooLarge';
  return null;
}

/**
 * Base64 of raw bytes, built in slices so a large file never passes one huge
 * argument list to `String.fromCharCode` (which overflows the call stack).
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const slice = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += slice) {
    binary += String.fromCharCode(...bytes.subarray(start, start + slice));
  }
  return btoa(binary);
}

export async function readPickedFile(file: File): Promise<PickedFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { fileName: file.name, sizeBytes: file.size, contentBase64: bytesToBase64(bytes) };
}
