// package.json's `atlasWorkbench.*` settings schema and the server's `defaultSettings` must agree.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { defaultSettings } from '../../../server/src/protocol';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
const props: Record<string, { default: unknown; enum?: unknown[] }> = pkg.contributes.configuration.properties;

/** Flattens {trace: {server: 'off'}} to {'trace.server': 'off'}. */
function flatten(o: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

/** Settings only the client reads (documented here so a new one is a deliberate choice). */
const CLIENT_ONLY = ['lintGate'];

describe('settings: package.json ↔ defaultSettings', () => {
  const defaults = flatten(defaultSettings as unknown as Record<string, unknown>);

  it('every server setting is declared with the same default', () => {
    for (const [key, value] of Object.entries(defaults)) {
      const p = props[`atlasWorkbench.${key}`];
      assert.ok(p, `atlasWorkbench.${key} is missing from package.json`);
      assert.deepEqual(p.default, value, `default of atlasWorkbench.${key}`);
      if (p.enum) assert.ok(p.enum.includes(value), `default of atlasWorkbench.${key} is not in its enum`);
    }
  });

  it('package.json declares no setting the server does not know (except client-only ones)', () => {
    const known = new Set([...Object.keys(defaults), ...CLIENT_ONLY].map((k) => `atlasWorkbench.${k}`));
    assert.deepEqual(
      Object.keys(props).filter((k) => !known.has(k)),
      [],
    );
  });

  it('the engine enum matches the protocol type', () => {
    assert.deepEqual(props['atlasWorkbench.engine'].enum, ['builtin', 'atlas']);
    assert.deepEqual(props['atlasWorkbench.trace.server'].enum, ['off', 'messages', 'verbose']);
  });

  it('the production pattern default is a valid regular expression matching production names only', () => {
    const re = new RegExp(defaultSettings.productionEnvPattern, 'i');
    for (const n of ['prod', 'production', 'prod-eu', 'live_1']) assert.ok(re.test(n), n);
    for (const n of ['local', 'dev', 'staging', 'product']) assert.ok(!re.test(n), n);
  });
});

describe('package.json contributions', () => {
  it('never activates on *', () => {
    assert.ok(!pkg.activationEvents.includes('*'));
    for (const e of ['workspaceContains:**/atlas.hcl', 'onLanguage:atlas-config', 'onView:atlasWorkbench.environments'])
      assert.ok(pkg.activationEvents.includes(e), e);
  });

  it('every command used in menus and welcome views is declared, and every declared command is registered', () => {
    const declared = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
    for (const items of Object.values(pkg.contributes.menus) as Array<Array<{ command: string }>>)
      for (const m of items) assert.ok(declared.has(m.command), m.command);
    for (const w of pkg.contributes.viewsWelcome as Array<{ contents: string }>)
      for (const m of w.contents.matchAll(/command:([\w.]+)/g)) assert.ok(declared.has(m[1]), m[1]);
    const src = fs
      .readdirSync(path.join(__dirname, '../../../client/src/commands'))
      .map((f) => fs.readFileSync(path.join(__dirname, '../../../client/src/commands', f), 'utf8'))
      .join('\n');
    const registered = new Set([...src.matchAll(/export const id = '([\w.]+)'/g)].map((m) => m[1]));
    assert.deepEqual(
      [...declared].filter((c) => !registered.has(c)),
      [],
    );
    assert.deepEqual(
      [...registered].filter((c) => !declared.has(c)),
      [],
    );
  });
});
