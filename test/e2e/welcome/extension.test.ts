// An empty workspace: the extension stays inactive until the Atlas view opens (UI step), then creates atlas.hcl from a
// template; an unset getenv() is set through SecretStorage — resolved for the engine, never written to settings or
// shown in the log.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ApplyPlanRequest, PlanApplyRequest, type HashResult } from '../../../server/src/protocol';
import { api, waitFor, workspaceFile } from '../support/host';

describe('welcome workspace (no atlas.hcl, secrets)', () => {
  it('reports no project, then creates atlas.hcl from a template', async () => {
    const a = await api();
    assert.equal(a.workbench.projects.length, 0);
    const created = await vscode.commands.executeCommand<vscode.Uri>('atlasWorkbench.createProject', vscode.workspace.workspaceFolders![0].uri, 0);
    assert.equal(created?.fsPath, workspaceFile('atlas.hcl').fsPath);
    assert.ok(fs.existsSync(workspaceFile('schema', 'schema.sql').fsPath));
    await waitFor(a, () => a.workbench.envs.length === 1 || undefined, 'the new env');
    assert.match(a.workbench.envs[0].unresolved ?? '', /getenv\("DATABASE_URL"\) is not set/);
  });

  it('sets DATABASE_URL (with a password) in SecretStorage: the env resolves, the password never shows', async () => {
    const a = await api();
    const u = new URL(process.env.ATLAS_WB_E2E_DATABASE_URL!);
    u.password = 'S3cret-pw-e2e'; // the test server trusts local connections, so any password connects
    await vscode.commands.executeCommand('atlasWorkbench.setEnvVariable', a.workbench.envs[0], 'DATABASE_URL', u.toString());
    const env = await waitFor(a, () => a.workbench.envs.find((e) => !e.unresolved), 'the resolved env');
    assert.match(env.url ?? '', /^postgres:\/\/postgres:\*\*\*\*@127\.0\.0\.1:/);
    const s = await waitFor(a, () => a.workbench.statuses.get(`${env.projectUri}#local`), 'status');
    assert.equal(s.error, undefined, s.error);
    assert.equal(s.status, 'OK'); // empty migration folder
    await vscode.commands.executeCommand('atlasWorkbench.migrateStatus', env);
    const settingsFiles = [workspaceFile('.vscode', 'settings.json').fsPath];
    for (const f of settingsFiles) if (fs.existsSync(f)) assert.ok(!fs.readFileSync(f, 'utf8').includes('S3cret-pw-e2e'), f);
    const log = fs
      .readdirSync(a.logUri.fsPath)
      .map((f) => fs.readFileSync(path.join(a.logUri.fsPath, f), 'utf8'))
      .join('\n');
    assert.match(log, /migrate status/);
    assert.ok(!log.includes('S3cret-pw-e2e'), 'the password is in the log');
    assert.ok(!JSON.stringify(a.workbench.envs).includes('S3cret-pw-e2e'));
  });

  it('a failed apply shows the file as partially applied; clicking it opens the failing statement', async function () {
    const a = await api();
    const env = a.workbench.envs[0];
    const dir = workspaceFile('atlas', 'migrations').fsPath;
    fs.writeFileSync(
      path.join(dir, '20260101000000_broken.sql'),
      '-- atlas:txmode none\n\nCREATE TABLE "ok_table" ("id" integer NOT NULL);\n\nALTER TABLE "missing_table"\n  ADD COLUMN "x" integer;\n',
    );
    const hash = await vscode.commands.executeCommand<HashResult>('atlasWorkbench.migrateHash', env);
    assert.ok(hash && !hash.error, hash?.error?.message);
    const planned = await a.workbench.operate('apply plan (test)', PlanApplyRequest, env, {});
    assert.ok(planned?.plan, planned?.error?.message);
    const r = await a.workbench.operate('apply (test)', ApplyPlanRequest, env, { plan: planned.plan });
    assert.equal(r?.error?.kind, 'execution', r?.output);
    await a.workbench.refresh();
    const s = a.workbench.statuses.get(`${env.projectUri}#local`)!;
    const f = s.files.find((x) => x.name === '20260101000000_broken.sql')!;
    assert.equal(f.state, 'partial', JSON.stringify(s));
    assert.equal(f.applied, 1);
    assert.match(f.error ?? '', /missing_table/);
    assert.equal(f.errorLine, 4);
    await vscode.commands.executeCommand('atlasWorkbench.openMigration', f.path, f.errorLine);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, f.path);
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, 4);
  });
});
