/**
 * The HTTP bridge against a real workspace file: what a hostile web page on the
 * same machine could try (no token, a wrong token, a foreign Host or Origin, a
 * path that climbs out of the renderer folder, an oversized body) is refused,
 * and a legitimate call reaches the same router as IPC with errors as data and
 * the changed tables announced. Requests go through node:http so the test can
 * set headers a browser's fetch would not let it forge (Host).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, startBridge, tokenMatches, type Bridge } from '../../src-main/bridge/server';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { keyBeside } from './direct';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let dir: string;
let workspace: Workspace;
let bridge: Bridge;
const secret = 'TOP-SECRET-OUTSIDE-THE-RENDERER';

function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: bridge.port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${bridge.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function api(method: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(`/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bridge.token}`, ...headers },
    body: JSON.stringify(input),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tanoda-bridge-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Tanoda</title><div id="root"></div>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(dir, 'secret.txt'), secret);
  symlinkSync(join(dir, 'secret.txt'), join(rendererDir, 'leak.txt'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Bridge School', currency: 'EUR', locale: 'en-GB' },
  });
  bridge = await startBridge({ workspace, rendererDir, port: 0 });
});

afterAll(async () => {
  await bridge?.close();
  workspace?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the bearer token', () => {
  it('is required: no token, a wrong one, a truncated or extended one all get 401 as data', async () => {
    const wrongLast = bridge.token.slice(0, -1) + (bridge.token.endsWith('A') ? 'B' : 'A');
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: `Bearer ${wrongLast}` },
      { Authorization: `Bearer ${bridge.token.slice(0, 10)}` },
      { Authorization: `Bearer ${bridge.token}x` },
      { Authorization: 'Bearer ' },
      { Authorization: bridge.token },
      { Authorization: `Basic ${bridge.token}` },
    ];
    for (const auth of attempts) {
      const reply = await send('/api/programs.list', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...auth },
        body: '{}',
      });
      expect(reply.status, JSON.stringify(auth)).toBe(401);
      expect(reply.headers['www-authenticate']).toBe('Bearer');
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('is compared on fixed-length digests, so any length of guess is answered without throwing', () => {
    // Constant time holds by construction (sha256 of both, then timingSafeEqual on
    // 32-byte digests); what can be checked is that no input length reaches a
    // length-dependent path — timingSafeEqual on raw buffers would throw here.
    expect(tokenMatches(bridge.token, bridge.token)).toBe(true);
    for (const guess of [undefined, '', 'x', bridge.token.slice(1), `${bridge.token}=`, bridge.token.toUpperCase(), 'é'.repeat(500)]) {
      expect(tokenMatches(guess, bridge.token)).toBe(false);
    }
  });

  it('is random and long when none is given', async () => {
    const other = await startBridge({ workspace, rendererDir: join(dir, 'renderer') });
    try {
      expect(other.token).not.toBe(bridge.token);
      expect(other.token.length).toBeGreaterThanOrEqual(43);
      expect(other.url).toBe(`http://127.0.0.1:${other.port}/#token=${other.token}`);
    } finally {
      await other.close();
    }
  });
});

describe('API calls', () => {
  it('run through the router and announce the tables they changed', async () => {
    const created = JSON.parse((await api('programs.create', { name: 'Pottery', defaultPriceMinor: 4500 })).body);
    expect(created).toMatchObject({ ok: true, value: { name: 'Pottery', defaultPriceMinor: 4500 } });
    expect(created.changed).toContain('programs');
    const listed = JSON.parse((await api('programs.list', {})).body);
    expect(listed.ok).toBe(true);
    expect(listed.value.map((p: { name: string }) => p.name)).toEqual(['Pottery']);
    expect(listed.changed).toBeUndefined();
  });

  it('answer an unknown method with NOT_FOUND as data', async () => {
    const reply = await api('programs.explode', {});
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('answer invalid input with VALIDATION and field paths', async () => {
    const reply = JSON.parse((await api('programs.create', { name: '  ', lessonMinutes: 2 })).body);
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('VALIDATION');
    expect(reply.error.fields.map((f: { path: string[] }) => f.path[0]).sort()).toEqual(['lessonMinutes', 'name']);
  });

  it('refuse malformed JSON, other content types, GET, and bodies over 10 MB', async () => {
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${bridge.token}` };
    expect((await send('/api/programs.list', { method: 'POST', headers, body: '{nope' })).status).toBe(400);
    expect(
      (await send('/api/programs.list', { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain' }, body: '{}' })).status,
    ).toBe(415);
    expect((await send('/api/programs.list', { headers })).status).toBe(405);
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    const tooBig = await send('/api/programs.list', { method: 'POST', headers, body: huge });
    expect(tooBig.status).toBe(413);
  });
});

describe('DNS rebinding and cross-site requests', () => {
  it('refuse a Host that is not this loopback address, even with the token', async () => {
    for (const host of [
      `evil.example:${bridge.port}`,
      'evil.example',
      `127.0.0.1:${bridge.port + 1}`,
      `127.0.0.1.evil.example:${bridge.port}`,
    ]) {
      const reply = await api('programs.list', {}, { Host: host });
      expect(reply.status, host).toBe(421);
      expect(reply.body).not.toContain('Pottery');
      expect((await send('/', { headers: { Host: host } })).status, host).toBe(421);
    }
    expect((await send('/', { headers: { Host: `localhost:${bridge.port}` } })).status).toBe(200);
  });

  it('refuse a foreign Origin or a cross-site fetch, even with the token', async () => {
    expect((await api('programs.list', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('programs.list', {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await api('programs.list', {}, { Origin: `http://127.0.0.1:${bridge.port}`, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(
      200,
    );
  });
});

describe('static files', () => {
  it('carry the strict CSP and hardening headers, on pages and API answers alike', async () => {
    for (const reply of [await send('/'), await api('programs.list', {}), await send('/api/x', { method: 'POST' })]) {
      expect(reply.headers['content-security-policy']).toBe(contentSecurityPolicy);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['x-frame-options']).toBe('DENY');
    }
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "connect-src 'self'",
    ]) {
      expect(contentSecurityPolicy).toContain(directive);
    }
    expect(contentSecurityPolicy).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('serve files with their content type, index.html for app paths, 404 for a missing asset', async () => {
    const js = await send('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    const page = await send('/programs/some-id');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<div id="root">');
    expect((await send('/assets/missing.js')).status).toBe(404);
  });

  it('never leave the renderer folder', async () => {
    for (const path of [
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/leak.txt',
      '/%00index.html',
    ]) {
      const reply = await send(path);
      expect(reply.body, path).not.toContain(secret);
      expect([400, 403, 404, 200], path).toContain(reply.status);
      if (reply.status === 200) expect(reply.body, path).toContain('<div id="root">');
    }
    expect((await send('/..%2fsecret.txt')).status).toBe(403);
    expect((await send('/leak.txt')).status).toBe(404);
  });
});
