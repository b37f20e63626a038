// Summarises twiggy's CSV of the app's optimised wasm (names kept): bytes per crate
// and per module of the app, then the shipped wasm's and the Leptos floor's gzip size.
// Run through bench/size-breakdown.sh, which makes the three inputs.
import fs from 'node:fs';
import zlib from 'node:zlib';

const [csvPath, shippedPath, floorPath] = process.argv.slice(2);
const lines = fs.readFileSync(csvPath, 'utf8').trim().split('\n');
const header = lines.shift().split(',');
const nameAt = header.indexOf('Name');
const sizeAt = header.indexOf('ShallowSize');

/** Splits one CSV line (twiggy quotes names that hold commas). */
function fields(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const byCrate = new Map();
const byModule = new Map();
let total = 0;
const add = (map, key, n) => map.set(key, (map.get(key) ?? 0) + n);
for (const line of lines) {
  const f = fields(line);
  const name = f[nameAt];
  const size = Number(f[sizeAt]);
  if (!Number.isFinite(size) || name.includes('function names') || name.startsWith('custom section')) continue;
  total += size;
  const bare = name.replace(/^<+/, '');
  const crate = /^[A-Za-z_]\w*/.exec(bare)?.[0] ?? 'other';
  add(byCrate, name.startsWith('data segment') ? 'data (strings, tables)' : crate, size);
  const module = /^(jiyn(?:_core)?::\w+(?:::\w+)?)/.exec(bare)?.[1];
  if (module) add(byModule, module.replace(/::(__component_|h[0-9a-f]{16}).*$/, ''), size);
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const top = (map, n) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `  ${kb(v).padStart(10)}  ${(100 * v / total).toFixed(1).padStart(5)} %  ${k}`)
    .join('\n');

console.log(`\nThe app's optimised wasm, ${kb(total)} of code and data (raw, before gzip):`);
console.log(`\nper crate (the first path segment; generic code lands with the crate that defines it):\n${top(byCrate, 20)}`);
console.log(`\nper module of the app and jiyn-core:\n${top(byModule, 30)}`);
const gz = (p) => zlib.gzipSync(fs.readFileSync(p), { level: 9 }).length;
const app = gz(shippedPath);
const floor = gz(floorPath);
console.log(`\ngzip -9: the app's wasm ${kb(app)}; Leptos 0.8 with a router and nothing else ${kb(floor)}; the target is 250.0 KB`);
