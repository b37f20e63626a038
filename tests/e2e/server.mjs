// Minimal static file server for the trunk-built Jiyn app (node:http only).
//
// Library use:
//   import { startServer } from './server.mjs';
//   const server = await startServer({ root: '/path/to/dist', port: 0 });
//   // server.url === 'http://127.0.0.1:<port>' (no trailing slash)
//   await server.close();
//
// CLI use:
//   node tests/e2e/server.mjs [--root dist] [--port 8080] [--host 127.0.0.1]
//
// Behaviour:
//   - GET and HEAD only (anything else: 405).
//   - Correct MIME types, notably application/wasm for .wasm (needed for
//     WebAssembly.instantiateStreaming).
//   - Every response carries `Cache-Control: no-cache`.
//   - A path that does not exist and has no file extension is answered with
//     root/index.html (SPA deep links such as /forum/<id>).
//   - A path with an extension that does not exist is a 404.
//   - Requests can never reach files outside root (traversal gives 403/404).

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Default root: the trunk output directory, ../../dist relative to this file. */
export const DEFAULT_ROOT = path.resolve(HERE, '..', '..', 'dist');

/** MIME types by lower-case file extension. */
export const MIME_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
});

/** MIME type for a file path (application/octet-stream when unknown). */
export function mimeType(filePath) {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

async function statOrNull(p) {
  try {
    return await fsp.stat(p);
  } catch {
    return null;
  }
}

/** True when `child` is `parent` itself or lies inside it. */
function isInside(parent, child) {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function sendText(res, status, text, extraHeaders = {}) {
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function sendFile(res, filePath, stat) {
  res.writeHead(200, {
    'Content-Type': mimeType(filePath),
    'Content-Length': stat.size,
    'Cache-Control': 'no-cache',
    'Last-Modified': stat.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  });
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = fs.createReadStream(filePath);
  stream.on('error', (err) => {
    // Headers are already sent; the best we can do is drop the connection.
    res.destroy(err);
  });
  stream.pipe(res);
}

/**
 * Resolve a request to a file on disk, following the rules in the header.
 * Returns { status, file?, stat? }.
 */
async function resolveRequest(root, rawUrl) {
  let pathname;
  try {
    // WHATWG URL parsing already collapses "." and ".." segments (also the
    // %2e forms); the containment check below covers the rest (e.g. %2f).
    pathname = decodeURIComponent(new URL(rawUrl, 'http://localhost').pathname);
  } catch {
    return { status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { status: 400 };

  const target = path.resolve(root, `.${pathname}`);
  if (!isInside(root, target)) return { status: 403 };

  // Refuse dot-files and dot-directories (.git, .env, ...) outright.
  if (path.relative(root, target).split(path.sep).some((seg) => seg.startsWith('.'))) {
    return { status: 404 };
  }

  let stat = await statOrNull(target);
  let file = target;
  if (stat?.isDirectory()) {
    file = path.join(target, 'index.html');
    stat = await statOrNull(file);
  }
  if (stat?.isFile()) {
    // Guard against symlinks that point outside root.
    const real = await fsp.realpath(file).catch(() => null);
    if (real === null || !isInside(root, real)) return { status: 404 };
    return { status: 200, file, stat };
  }

  // Not found: SPA fallback for extension-less paths, 404 otherwise.
  if (path.extname(pathname) === '') {
    const index = path.join(root, 'index.html');
    const indexStat = await statOrNull(index);
    if (indexStat?.isFile()) return { status: 200, file: index, stat: indexStat };
  }
  return { status: 404 };
}

/**
 * Start the static server.
 * @param {{ root?: string, port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startServer({ root = DEFAULT_ROOT, port = 0, host = '127.0.0.1' } = {}) {
  const resolvedRoot = path.resolve(root);
  const rootStat = await statOrNull(resolvedRoot);
  if (!rootStat?.isDirectory()) {
    throw new Error(
      `startServer: root ${resolvedRoot} is not a directory (build the app with trunk first?)`,
    );
  }
  // Work with the real path so the symlink containment check is meaningful.
  const realRoot = await fsp.realpath(resolvedRoot);

  const server = http.createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
        return;
      }
      const result = await resolveRequest(realRoot, req.url ?? '/');
      if (result.status === 200) {
        sendFile(res, result.file, result.stat);
      } else {
        const reason = http.STATUS_CODES[result.status] ?? 'Error';
        sendText(res, result.status, reason);
      }
    } catch (err) {
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
      else res.destroy(err);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${actualPort}`;

  let closing = null;
  const close = () => {
    closing ??= new Promise((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      // Do not wait for idle keep-alive connections (browsers keep them open).
      server.closeAllConnections?.();
    });
    return closing;
  };

  return { url, port: actualPort, root: realRoot, close };
}

// ---------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new Error(`missing value for ${name}`);
      return next;
    };
    switch (name) {
      case '--root':
        opts.root = path.resolve(value());
        break;
      case '--port': {
        const p = Number(value());
        if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error(`bad port: ${p}`);
        opts.port = p;
        break;
      }
      case '--host':
        opts.host = value();
        break;
      case '-h':
      case '--help':
        opts.help = true;
        break;
      default:
        throw new Error(`unknown argument: ${arg}`);
    }
  }
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`server.mjs: ${err.message}`);
    process.exitCode = 2;
    return;
  }
  if (opts.help) {
    console.log('usage: node tests/e2e/server.mjs [--root DIR] [--port N] [--host ADDR]');
    return;
  }
  const { help: _help, ...serverOpts } = opts;
  const server = await startServer(serverOpts);
  console.log(`Serving ${server.root} at ${server.url}/`);

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, closing server`);
    server.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (invokedDirectly) {
  main().catch((err) => {
    console.error(`server.mjs: ${err.message}`);
    process.exit(1);
  });
}
