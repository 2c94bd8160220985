// Reports the .vsix size and what dominates it (compressed and uncompressed bytes per file and per group).
// Usage: node bench/vsix-size.mjs [file.vsix]   (default: packages a fresh one into bench/.tmp/)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let vsix = process.argv[2];
if (!vsix) {
  vsix = path.join(root, 'bench/.tmp/atlas-workbench.vsix');
  execFileSync(process.execPath, [path.join(root, 'scripts/package.mjs'), '--out', vsix], { stdio: 'ignore' });
}

/** Entries of a zip file from its central directory. */
function zipEntries(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    const compressed = buf.readUInt32LE(p + 20),
      size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28),
      extraLen = buf.readUInt16LE(p + 30),
      commentLen = buf.readUInt16LE(p + 32);
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), compressed, size });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const buf = fs.readFileSync(vsix);
const entries = zipEntries(buf);
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const group = (n) => {
  const b = path.basename(n);
  if (/\.tar\.gz$/.test(b)) return 'PGlite extensions (contrib + pgvector tarballs)';
  if (/^pglite\.(wasm|data)$/.test(b) || b === 'initdb.wasm') return 'PGlite runtime (wasm + data)';
  if (/libpg-query/.test(b)) return 'libpg-query (SQL parser wasm)';
  if (/tree-sitter/.test(b)) return 'tree-sitter (HCL parser wasm)';
  if (b === 'mermaid.min.js') return 'mermaid (ERD webview, offline)';
  if (/^(server|cli|client)\.js$/.test(b)) return `bundle ${b}`;
  if (/\.map$/.test(b)) return 'source maps';
  return 'other';
};
const groups = new Map();
for (const e of entries) {
  const g = groups.get(group(e.name)) ?? { compressed: 0, size: 0, files: 0 };
  g.compressed += e.compressed;
  g.size += e.size;
  g.files++;
  groups.set(group(e.name), g);
}
console.log(`${path.relative(process.cwd(), vsix)}: ${mb(buf.length)} (${entries.length} files, ${mb(entries.reduce((s, e) => s + e.size, 0))} unpacked)\n`);
console.log('share  compressed   unpacked  files  group');
for (const [name, g] of [...groups].sort((a, b) => b[1].compressed - a[1].compressed)) {
  console.log(
    `${((g.compressed / buf.length) * 100).toFixed(1).padStart(4)}%  ${mb(g.compressed).padStart(9)}  ${mb(g.size).padStart(9)}  ${String(g.files).padStart(5)}  ${name}`,
  );
}
console.log('\nlargest files:');
for (const e of [...entries].sort((a, b) => b.compressed - a.compressed).slice(0, 8)) console.log(`  ${mb(e.compressed).padStart(9)}  ${e.name}`);
