// Lists exports of server/src and client/src that no other file names: `node scripts/dead-exports.mjs`
// (`npm run deadexports`). A name counts as used when it appears as a word in any other tracked source file
// (server, client, test, bench, scripts), so the list errs on the side of keeping. Prints dead code (an export
// named nowhere, not even in its own file) and, with --local, exports used only inside their own file (the
// `export` is not needed). Exits 1 when there is dead code. Entry points VS Code calls by name are kept (ENTRY_POINTS).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY_POINTS = new Set(['client/src/extension.ts:activate', 'client/src/extension.ts:deactivate']);
const files = execFileSync('git', ['ls-files', 'server', 'client', 'test', 'bench', 'scripts'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|mjs)$/.test(f) && fs.existsSync(path.join(root, f)));
const text = new Map(files.map((f) => [f, fs.readFileSync(path.join(root, f), 'utf8')]));

function exportedNames(file) {
  const sf = ts.createSourceFile(file, text.get(file), ts.ScriptTarget.Latest, true);
  const names = [];
  for (const st of sf.statements) {
    const mods = ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined;
    if (!mods?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) names.push(d.name.getText(sf));
    else if (st.name) names.push(st.name.getText(sf));
  }
  return names;
}

const dead = [];
const local = [];
for (const file of files.filter((f) => /^(server|client)\/src\/.*\.ts$/.test(f))) {
  for (const name of exportedNames(file)) {
    if (ENTRY_POINTS.has(`${file}:${name}`)) continue;
    const word = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`);
    if (files.some((g) => g !== file && word.test(text.get(g)))) continue;
    const inFile = text.get(file).match(new RegExp(word.source, 'g')).length;
    (inFile > 1 ? local : dead).push(`${file}: ${name}`);
  }
}
if (process.argv.includes('--local')) {
  for (const d of local) console.log(`${d} (used only in its own file)`);
}
for (const d of dead) console.log(d);
console.log(
  `${dead.length} dead exports; ${local.length} exports used only in their own file${process.argv.includes('--local') ? '' : ' (list them with --local)'}`,
);
process.exit(dead.length ? 1 : 0);
