/**
 * Every capability has its screen: each method of the contract is named by some
 * renderer file (the screens call methods by their literal name), except the few
 * kept for scripts — and those, in turn, no screen calls.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodNames, scriptingMethods } from '../../src-shared/api/contract';

const rendererRoot = resolve(import.meta.dirname, '../../src-renderer');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('screen coverage of the API', () => {
  const renderer = sources(rendererRoot).join('\n');
  const named = (method: string) => renderer.includes(`'${method}'`);

  it('has a screen calling every method that is not kept for scripts', () => {
    expect(methodNames.filter((method) => !scriptingMethods.includes(method) && !named(method))).toEqual([]);
  });

  it('keeps for scripts only methods that no screen calls', () => {
    expect(scriptingMethods.filter(named)).toEqual([]);
  });
});
