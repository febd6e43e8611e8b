/**
 * Malformed and oversized requests thrown at the HTTP bridge (issue 14): bodies of
 * random bytes, JSON cut short or nested thousands deep, wrong content types and
 * methods, method names of any text, declared lengths over the limit and chunked
 * bodies that grow past it. Whatever comes in, the answer is a clear 4xx from the
 * transport or a typed error as data from the router (never a 500, never INTERNAL,
 * never a dropped connection for a body within the limit), the database is as it
 * was, and the bridge goes on answering. Fixed seeds keep it reproducible.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxBodyBytes, startBridge, type Bridge } from '../../src-main/bridge/server';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { keyBeside } from './direct';

interface Reply {
  status: number;
  body: string;
}

let dir: string;
let workspace: Workspace;
let bridge: Bridge;

/** One request; `chunks` are written one after another (a chunked body when no length is given). */
function send(path: string, options: { method?: string; headers?: Record<string, string>; chunks?: readonly Buffer[] }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: bridge.port,
        path,
        method: options.method ?? 'POST',
        headers: { Host: `127.0.0.1:${bridge.port}`, ...options.headers },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // The bridge may answer 413 and close while a large body is still being written.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? resolve({ status: -1, body: '' }) : reject(error),
    );
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

const authorised = () => ({ Authorization: `Bearer ${bridge.token}` });

function counts(): unknown {
  const { sqlite } = workspace.db;
  return sqlite.prepare('SELECT (SELECT count(*) FROM changes) AS changes, (SELECT count(*) FROM clients) AS clients').get();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tanoda-bridge-fuzz-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Tanoda</title>');
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Fuzz School', currency: 'EUR', locale: 'en-GB' },
  });
  bridge = await startBridge({ workspace, rendererDir, port: 0 });
});

afterAll(async () => {
  await bridge?.close();
  workspace?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const methods = ['clients.create', 'clients.list', 'imports.preview', 'imports.commit', 'payments.create', 'auth.login', 'users.create'];

const body = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.json().map((j) => Buffer.from(j)),
  fc.json().map((j) => Buffer.from(j.slice(0, Math.max(0, j.length - 1)))),
  fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => Buffer.from(s)),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => Buffer.from('['.repeat(depth) + ']'.repeat(depth))),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => Buffer.from('{"a":'.repeat(depth) + '1' + '}'.repeat(depth))),
  fc
    .record({ fileName: fc.string({ maxLength: 600 }), contentBase64: fc.base64String({ maxLength: 400 }), sheet: fc.option(fc.string()) })
    .map((r) => Buffer.from(JSON.stringify(r))),
  // anything but a valid name, so no call of the run may write
  fc.record({ displayName: fc.anything().filter((v) => typeof v !== 'string') }).map((r) => Buffer.from(JSON.stringify(r) ?? '')),
);

const request_ = fc.record({
  method: fc.oneof(fc.constantFrom(...methods), fc.string({ maxLength: 40 })),
  httpMethod: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'OPTIONS'),
  contentType: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    '',
  ),
  body,
});

describe('the bridge under malformed requests', () => {
  it('answers each with a clear 4xx or a typed error as data, writes nothing, and keeps answering', { timeout: 120_000 }, async () => {
    const before = counts();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request_, async ({ method, httpMethod, contentType, body }) => {
        const headers: Record<string, string> = { ...authorised(), 'Content-Length': String(body.length) };
        if (contentType !== '') headers['Content-Type'] = contentType;
        const reply = await send(`/api/${encodeURIComponent(method)}`, { method: httpMethod, headers, chunks: [body] });
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        expect([200, 400, 405, 415]).toContain(reply.status);
        const parsed = JSON.parse(reply.body) as { ok: boolean; error?: { code: string; message: string } };
        if (reply.status !== 200 || !parsed.ok) {
          expect(parsed.ok).toBe(false);
          expect(parsed.error?.code).not.toBe('INTERNAL');
          expect(parsed.error?.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400, seed: 20_261_206 },
    );
    expect(statuses.get(400)).toBeGreaterThan(0);
    expect(statuses.get(415)).toBeGreaterThan(0);
    expect(statuses.get(405)).toBeGreaterThan(0);
    expect(counts()).toEqual(before);
    const fine = await send('/api/clients.list', {
      headers: { ...authorised(), 'Content-Type': 'application/json' },
      chunks: [Buffer.from('{}')],
    });
    expect([fine.status, (JSON.parse(fine.body) as { ok: boolean }).ok]).toEqual([200, true]);
  });

  it('refuses a body declared over the limit with 413 before reading it', async () => {
    const reply = await send('/api/imports.preview', {
      headers: { ...authorised(), 'Content-Type': 'application/json', 'Content-Length': String(maxBodyBytes + 1) },
      chunks: [Buffer.from('{"fileName":"a.csv","contentBase64":"')],
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses a chunked body that grows past the limit with 413, and answers the next request', async () => {
    const megabyte = Buffer.alloc(1024 * 1024, 0x41);
    const chunks = [Buffer.from('{"fileName":"a.csv","contentBase64":"'), ...Array.from({ length: 12 }, () => megabyte), Buffer.from('"}')];
    const reply = await send('/api/imports.preview', {
      headers: { ...authorised(), 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      chunks,
    });
    expect([413, -1]).toContain(reply.status);
    if (reply.status === 413) expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const next = await send('/api/clients.list', {
      headers: { ...authorised(), 'Content-Type': 'application/json' },
      chunks: [Buffer.from('{}')],
    });
    expect(next.status).toBe(200);
  });

  it('a hostile workbook sent through the bridge is refused as data with its code, and nothing is written', async () => {
    const { honestBombWorkbook, wideCsv } = await import('./hostile-files');
    for (const [fileName, bytes, code] of [
      ['bomb.xlsx', honestBombWorkbook(), 'file_expands'],
      ['wide.csv', wideCsv(), 'too_many_columns'],
    ] as const) {
      const before = counts();
      const reply = await send('/api/imports.commit', {
        headers: { ...authorised(), 'Content-Type': 'application/json' },
        chunks: [Buffer.from(JSON.stringify({ fileName, contentBase64: bytes.toString('base64') }))],
      });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: ['file'], code }] } });
      expect(counts()).toEqual(before);
    }
  });
});
