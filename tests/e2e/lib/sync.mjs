// The real sync server (crates/server, built by cargo) for end-to-end tests, and a
// troublesome proxy in front of it that cuts pushes off after the server stored them,
// answers some requests with 503 or with garbage, so the app's retries, idempotency and
// refusal of bad answers are exercised against the real thing.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from './app.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '..', '..', '..');

/** Builds jiyn-server (debug; a no-op when up to date) and returns its path. */
export function serverBinary() {
  execFileSync('cargo', ['build', '-p', 'jiyn-server', '--locked', '--quiet'], { cwd: REPO, stdio: 'inherit' });
  const dir = process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, 'target');
  const bin = path.join(dir, 'debug', 'jiyn-server');
  if (!fs.existsSync(bin)) throw new Error(`jiyn-server not built at ${bin}`);
  return bin;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts jiyn-server on a fresh SQLite file with an organizer token for all forums.
 * @param {{ corsOrigin: string }} options the app's origin
 * @returns {Promise<{ url: string, token: string, deskToken: (forum: string) => string, close: () => Promise<void> }>}
 */
export async function startSyncServer({ corsOrigin }) {
  const bin = serverBinary();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'jiyn-e2e-server-'));
  const db = `sqlite:${path.join(dir, 'jiyn.db')}`;
  const token = execFileSync(bin, ['token', 'add', '--db', db, '--role', 'organizer', '--all-forums', '--label', 'e2e'], { encoding: 'utf8' }).trim();
  const port = await freePort();
  const child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--cors-origin', corsOrigin, '--rate', '100000'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => {
    log = (log + d.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/v1/hello`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`jiyn-server did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    token,
    log: () => log,
    deskToken: (forum) =>
      execFileSync(bin, ['token', 'add', '--db', db, '--role', 'desk', '--forum', forum], { encoding: 'utf8' }).trim(),
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A proxy to `target` that misbehaves on purpose, with a seeded random source:
 * - `cutPush`: share of pushes forwarded to the server (which stores them) whose
 *   answer is then dropped by closing the connection;
 * - `fail`: share of sync requests answered 503 without reaching the server;
 * - `garbage`: share of pulls answered 200 with a body that is not the protocol;
 * - `cutFirst`: the first accepted push is always cut off (so a retry is certain);
 * - `silent()`: from then on sync requests are held open and never answered (a
 *   server that stopped answering), until `behave()`.
 * `stats` counts what happened, including the `duplicate` ids the server reported.
 */
export async function startFlakyProxy(target, { cutPush = 0.3, fail = 0.1, garbage = 0.1, seed = 7, cutFirst = true } = {}) {
  let s = seed >>> 0 || 1;
  const random = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  const stats = { requests: 0, cut: 0, failed: 0, garbage: 0, accepted: 0, duplicate: 0, rejected: 0 };
  let enabled = true;
  let hanging = false;
  const held = [];
  const server = http.createServer((req, res) => {
    stats.requests++;
    const isSync = req.url.includes('/changes') && req.method !== 'OPTIONS';
    const isPush = isSync && req.method === 'POST';
    const isPull = isSync && req.method === 'GET';
    if (hanging && isSync) {
      stats.held = (stats.held ?? 0) + 1;
      req.resume();
      held.push(res);
      return;
    }
    if (enabled && isSync && random() < fail) {
      stats.failed++;
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json', 'access-control-allow-origin': req.headers.origin ?? '*' });
      res.end('{"error":"unavailable","message":"proxy says no"}');
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const up = http.request(
        new URL(req.url, target),
        { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
        (upRes) => {
          const got = [];
          upRes.on('data', (c) => got.push(c));
          upRes.on('end', () => {
            const answer = Buffer.concat(got);
            if (isPush && upRes.statusCode === 200) {
              try {
                const j = JSON.parse(answer.toString());
                stats.accepted += j.accepted.length;
                stats.duplicate += j.duplicate.length;
                stats.rejected += j.rejected.length;
              } catch {
                // counted by the test through the app's state
              }
              // The first accepted push is always cut off, so a retry is certain.
              if (enabled && ((cutFirst && stats.cut === 0) || random() < cutPush)) {
                stats.cut++;
                req.socket.destroy();
                return;
              }
            }
            if (enabled && isPull && upRes.statusCode === 200 && random() < garbage) {
              stats.garbage++;
              const headers = { ...upRes.headers };
              delete headers['content-length'];
              res.writeHead(200, headers);
              res.end('<html>captive portal</html>');
              return;
            }
            res.writeHead(upRes.statusCode, upRes.headers);
            res.end(answer);
          });
        },
      );
      up.on('error', () => req.socket.destroy());
      up.end(body);
    });
  });
  const port = await freePort();
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    /** Stop misbehaving (the last rounds run clean so the test can finish). */
    behave: () => {
      enabled = false;
      hanging = false;
      for (const res of held.splice(0)) res.destroy();
    },
    /** Hold every sync request open without an answer, until `behave()`. */
    silent: () => {
      hanging = true;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}

/** Settings → Sync: fill in, test, save and turn on (the app served at `appUrl`). */
export async function configureSyncAt(page, appUrl, url, token) {
  await openApp(page, appUrl, '/settings');
  await page.locator('[data-testid=sync-url]').fill(url);
  await page.locator('[data-testid=sync-token]').fill(token);
  await page.locator('[data-testid=sync-test]').click();
  await page.locator('[data-testid=sync-probe].ok').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid=sync-save]').click();
  await page.locator('[data-testid=sync-state].ok').waitFor();
}

/** Clicks "Sync now" and waits for the round to end; returns the status line's state. */
export async function syncRound(page) {
  const line = page.locator('[data-testid=sync-line]');
  await page.locator('[data-testid=sync-now]').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid=sync-line]')?.dataset.running === 'false',
    null,
    { timeout: 60_000, polling: 100 },
  );
  // The round may have started before the click and a new one follow: settle briefly.
  await page.waitForTimeout(300);
  await page.waitForFunction(
    () => document.querySelector('[data-testid=sync-line]')?.dataset.running === 'false',
    null,
    { timeout: 60_000, polling: 100 },
  );
  return { pending: Number(await line.getAttribute('data-pending')), error: await line.getAttribute('data-error') };
}
