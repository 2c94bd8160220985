// Extension-host tests of the packaged extension in a real workbench, on a migrations + schema.sql workspace with a real
// PostgreSQL 15 database (DATABASE_URL in the workspace's .env).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { NewMigrationRequest, type HashResult, type ValidateResult } from '../../../server/src/protocol';
import { api, EXTENSION_ID, waitFor, waitForDiagnostics, workspaceFile } from '../support/host';

describe('sidebar workspace (migrations + schema.sql layout, real PostgreSQL)', () => {
  // The activation time is printed, not asserted (a loaded machine made the bound flaky): bench/activation.ts measures it.
  it('activates lazily and the server announces atlas/ready', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const pkg = ext.packageJSON as { activationEvents: string[] };
    assert.ok(!pkg.activationEvents.includes('*'));
    const a = await api();
    assert.equal(a.workbench.serverState, 'ready');
    console.log(`[e2e] activation ${a.activationMs.toFixed(1)} ms`);
  });

  it('lists the envs with the URL resolved from .env and the password never shown', async () => {
    const a = await api();
    const names = a.workbench.envs.map((e) => e.name);
    assert.deepEqual(names, ['local', 'prod']);
    const local = a.workbench.envs[0];
    assert.match(local.url ?? '', /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/e2e_sidebar_/);
    assert.equal(local.migrationDir, 'file://atlas/migrations');
    assert.equal(local.unresolved, undefined);
    const prod = a.workbench.envs[1];
    assert.match(prod.unresolved ?? '', /getenv\("PROD_DATABASE_URL"\) is not set/);
  });

  it('reads migration states from the real database (both files pending)', async function () {
    const a = await api();
    const s = await waitFor(a, () => a.workbench.statuses.get(`${a.workbench.envs[0].projectUri}#local`), 'status of local');
    assert.equal(s.error, undefined, s.error);
    assert.equal(s.status, 'PENDING');
    assert.deepEqual(
      s.files.map((f) => [f.name, f.state]),
      [
        ['20240101000000_initial_schema.sql', 'pending'],
        ['20240102000000_add_steps.sql', 'pending'],
      ],
    );
    assert.equal(s.pendingCount, 2);
  });

  it('Migrate Hash re-writes atlas.sum through the engine (same bytes for an unchanged folder)', async () => {
    const sum = workspaceFile('atlas', 'migrations', 'atlas.sum').fsPath;
    const before = fs.readFileSync(sum, 'utf8');
    fs.writeFileSync(sum, 'h1:stale=\n');
    const r = await vscode.commands.executeCommand<HashResult>('atlasWorkbench.migrateHash', { env: (await api()).workbench.envs[0] });
    assert.ok(r && !r.error, r?.error?.message);
    assert.equal(fs.readFileSync(sum, 'utf8'), before);
  });

  it('Kubernetes export holds every file of the folder and atlas.sum', async () => {
    const a = await api();
    const dir = workspaceFile('atlas', 'migrations').fsPath;
    const r = await a.workbench.client.sendRequest<{ yaml: string; files: number }>('atlas/k8sExport', { dir, name: 'runbooks' });
    assert.equal(r.files, 3);
    assert.match(r.yaml, /kind: AtlasMigration/);
    assert.match(r.yaml, /"atlas\.sum": \|/);
    assert.match(r.yaml, /CREATE TABLE "runbook_steps"/);
  });

  it('atlas.hcl opens as atlas-config and gets a diagnostic for a typo', async function () {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('atlas.hcl'));
    assert.equal(doc.languageId, 'atlas-config');
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.lineAt(3);
    await editor.edit((e) => e.replace(line.range, line.text.replace('dev', 'devv')));
    const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.range.start.line === 3), 20000);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(diags.some((x) => x.range.start.line === 3));
  });

  it('atlas.hcl offers completions inside an env block (attributes and blocks of the Atlas schema)', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('atlas.hcl'));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(doc.lineAt(4).range.end, '\n  '));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(5, 2));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    for (const want of ['schemas', 'exclude', 'lint']) assert.ok(labels.includes(want), `missing ${want} in ${labels.join(', ')}`);
  });
});

// Engine flows on the migration folder; each test leaves the folder byte-for-byte as it found it (the UI steps
// that follow use the same workspace).
describe('sidebar workspace: migrate new / validate on the folder', () => {
  const dir = () => workspaceFile('atlas', 'migrations').fsPath;
  const sumPath = () => path.join(dir(), 'atlas.sum');
  const utcStamp = (d: Date) => d.toISOString().replace(/\D/g, '').slice(0, 14);

  /** Runs a command whose failure shows a (blocking) error notification; dismisses it until the command returns. */
  async function runDismissingErrors<T>(id: string, arg: unknown): Promise<T> {
    let settled = false;
    const p = Promise.resolve(vscode.commands.executeCommand<T>(id, arg)).finally(() => {
      settled = true;
    });
    while (!settled) {
      await vscode.commands.executeCommand('notifications.clearAll');
      await Promise.race([
        p.then(
          () => undefined,
          () => undefined,
        ),
        new Promise((r) => setTimeout(r, 250)),
      ]);
    }
    return p;
  }

  it('migrate new writes <UTC ts>_<name>.sql, updates atlas.sum, and Migrate Validate passes', async () => {
    const a = await api();
    const env = a.workbench.envs[0];
    const sumBefore = fs.readFileSync(sumPath(), 'utf8');
    const namesBefore = fs.readdirSync(dir()).sort();
    const t0 = utcStamp(new Date());
    const r = await a.workbench.operate('New Migration (test)', NewMigrationRequest, env, { name: 'add_notes' });
    const t1 = utcStamp(new Date());
    let created: string | undefined;
    try {
      assert.ok(r && !r.error, r?.error?.message);
      const added = fs.readdirSync(dir()).filter((n) => !namesBefore.includes(n));
      assert.equal(added.length, 1, `new files: ${added.join(', ')}`);
      created = added[0];
      const m = /^(\d{14})_add_notes\.sql$/.exec(created);
      assert.ok(m, created);
      assert.ok(m[1] >= t0 && m[1] <= t1, `${m[1]} not within ${t0}..${t1}`);
      const sum = fs.readFileSync(sumPath(), 'utf8');
      assert.notEqual(sum, sumBefore);
      const lines = sum.trimEnd().split('\n');
      assert.match(lines[0], /^h1:\S+=$/);
      assert.deepEqual(
        lines.slice(1).map((l) => l.split(' ')[0]),
        ['20240101000000_initial_schema.sql', '20240102000000_add_steps.sql', created],
      );
      const v = await vscode.commands.executeCommand<ValidateResult>('atlasWorkbench.migrateValidate', { env });
      assert.ok(v && !v.error, `${v?.output}\n${v?.error?.message}`);
    } finally {
      if (created) fs.rmSync(path.join(dir(), created));
      fs.writeFileSync(sumPath(), sumBefore);
    }
    assert.deepEqual(fs.readdirSync(dir()).sort(), namesBefore);
  });

  it('Migrate Validate on an edited file reports the checksum error and the live check marks the file', async () => {
    const a = await api();
    const env = a.workbench.envs[0];
    const file = workspaceFile('atlas', 'migrations', '20240102000000_add_steps.sql');
    const original = fs.readFileSync(file.fsPath);
    fs.writeFileSync(file.fsPath, Buffer.concat([original, Buffer.from('-- edited after hashing\n')]));
    try {
      const v = await runDismissingErrors<ValidateResult>('atlasWorkbench.migrateValidate', { env });
      assert.equal(v?.error?.kind, 'checksumMismatch');
      const text = `${v.output}\n${v.error?.message}`;
      assert.ok(text.includes('You have a checksum error in your migration directory.'), text);
      assert.ok(text.includes('L3: 20240102000000_add_steps.sql was edited'), text);
      await vscode.workspace.openTextDocument(file);
      const diags = await waitForDiagnostics(file, (d) => d.some((x) => x.source === 'atlas.sum'));
      const d = diags.find((x) => x.source === 'atlas.sum')!;
      assert.equal(d.message.split(':')[0], '20240102000000_add_steps.sql was edited');
      assert.match(d.message, /checksum mismatch with atlas\.sum \(L3\)/);
    } finally {
      fs.writeFileSync(file.fsPath, original);
    }
    await waitForDiagnostics(file, (d) => !d.some((x) => x.source === 'atlas.sum'));
    const ok = await vscode.commands.executeCommand<ValidateResult>('atlasWorkbench.migrateValidate', { env });
    assert.ok(ok && !ok.error, ok?.error?.message);
  });
});
