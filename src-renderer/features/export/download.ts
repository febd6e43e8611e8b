/**
 * Saving a file the API produced. The main process hands back the finished
 * bytes (a CSV with its BOM already in place, an XLSX workbook) as base64; the
 * renderer only wraps them in a Blob and clicks a temporary download link. That
 * works the same in the Electron window and in a browser, needs no file-system
 * access in the renderer, and never re-encodes what the engine wrote.
 */

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function saveBytes(fileName: string, bytes: Uint8Array<ArrayBuffer>, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
