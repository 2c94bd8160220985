// Every setting package.json contributes is read somewhere: by the client (`getConfiguration('atlasWorkbench')
// .get('<key>')` in client/src), by the language server from the settings it pulls (`settings.<key>` in
// server/src/lsp), or — for `trace.server` — by vscode-languageclient for the client id `atlasWorkbench`.
// A declared but unread setting (as `devDatabase` was) fails here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const keys = Object.keys(pkg.contributes.configuration.properties as Record<string, unknown>);

/** TypeScript sources under a folder, with comment lines and block comments removed (a mention is not a read). */
function sources(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(path.join(root, dir));
  return out
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((l) => !/^\s*\/\//.test(l))
    .join('\n');
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How a setting key (without the section) is read, or undefined when nothing reads it. */
function readBy(key: string, client: string, server: string): string | undefined {
  if (new RegExp(`\\.get(?:<[^(]*>)?\\(\\s*['"\`]${esc(key)}['"\`]`).test(client)) return 'client';
  const last = key.split('.').pop()!;
  if (!key.includes('.') && new RegExp(`\\bsettings\\b[^;\\n]*?\\.${esc(last)}\\b`).test(server)) return 'server';
  if (key === 'trace.server' && /new LanguageClient\(\s*'atlasWorkbench'/.test(client)) return 'languageclient';
  return undefined;
}

describe('settings: every contributed setting is read', () => {
  const client = sources('client/src');
  const server = sources('server/src/lsp');

  it('package.json contributes settings under atlasWorkbench.', () => {
    assert.ok(keys.length >= 8);
    for (const k of keys) assert.match(k, /^atlasWorkbench\./);
  });

  for (const full of keys) {
    const key = full.slice('atlasWorkbench.'.length);
    it(full, () => {
      assert.ok(readBy(key, client, server), `${full} is declared in package.json but nothing in client/src or server/src/lsp reads it`);
    });
  }

  it('the scan finds no read of an undeclared key (the check can fail)', () => {
    assert.equal(readBy('noSuchSetting', client, server), undefined);
    assert.equal(readBy('devDatabase', "cfg.get('devDatabasex')", 'settings.devDatabasex'), undefined);
    assert.equal(readBy('devDatabase', '', '// settings.devDatabase'.replace(/^\/\/.*$/, '')), undefined);
  });
});
