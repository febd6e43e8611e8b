/**
 * The shared folder as sync sees it: list, read, write, remove — relative paths
 * with '/' separators. Writing goes to a temporary name in the same directory and
 * is then renamed, so another machine's cloud client never uploads half a file
 * under a real name. Everything above this interface treats the folder as
 * hostile and unreliable (files late, missing, duplicated, truncated, renamed);
 * tests put a deliberately unreliable implementation here, and a server store
 * could later stand in for the disk.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface SyncFolder {
  /** Entry names directly under `dir` (files and folders); empty when it does not exist. */
  list(dir: string): string[];
  /** The file's bytes, or null when it is not there (or cannot be read right now). */
  read(path: string): Buffer | null;
  write(path: string, data: Buffer): void;
  remove(path: string): void;
}

export function diskFolder(root: string): SyncFolder {
  const full = (path: string) => join(root, ...path.split('/'));
  return {
    list(dir) {
      try {
        return readdirSync(full(dir));
      } catch {
        return [];
      }
    },
    read(path) {
      try {
        return readFileSync(full(path));
      } catch {
        return null;
      }
    },
    write(path, data) {
      const target = full(path);
      mkdirSync(dirname(target), { recursive: true });
      const temp = join(dirname(target), `.tmp-${randomBytes(6).toString('hex')}`);
      writeFileSync(temp, data);
      renameSync(temp, target);
    },
    remove(path) {
      rmSync(full(path), { force: true });
    },
  };
}
