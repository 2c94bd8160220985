// Plan Schema Apply (lens / editor title on a desired-state file, palette): atlas/planSchemaApply for the env that
// names the file (or a picked env, with the file as the desired state), the plan opened beside the file as a
// read-only SQL document with its lint findings as diagnostics on their statements, a modal confirmation naming the
// env (the env name typed for production envs), then atlas/applySchemaPlan with the plan's id: the server refuses
// (kind planChanged, nothing run) when the desired files or the database moved in between.
import * as vscode from 'vscode';
import { ApplySchemaPlanRequest, PlanSchemaApplyRequest, type EnvSummary, type PlanSchemaApplyResult } from '../../../server/src/protocol';
import { isSchemaFile, namesFile } from '../desiredState';
import { projectDir } from '../workbench';
import { pickEnv } from './envArg';
import { confirmOnEnv, type Ctx } from './engine';
export const id = 'atlasWorkbench.planSchemaApply';

/** Lint findings of the plan documents (one collection: a new plan replaces the old diagnostics of its document). */
let findings: vscode.DiagnosticCollection | undefined;

/** The file the command was run on: the argument, else the active editor's desired-state file. */
function fileOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'object' && arg !== null && 'uri' in arg && (arg as { uri: unknown }).uri instanceof vscode.Uri) return (arg as { uri: vscode.Uri }).uri;
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.uri.scheme === 'file' && isSchemaFile(doc.uri.fsPath) ? doc.uri : undefined;
}

/** The env to plan on and the desired state: an env naming the file plans its whole `src`; any other env plans the file. */
async function target(c: Ctx, arg: unknown, file: vscode.Uri | undefined): Promise<{ env: EnvSummary; to?: string[] } | undefined> {
  const given = typeof arg === 'object' && arg !== null && 'env' in arg ? (arg as { env: unknown }).env : undefined;
  if (c.wb.envs.length === 0) await c.wb.refresh();
  const withUrl = (e: EnvSummary) => e.url !== undefined;
  const naming = file ? c.wb.envs.filter((e) => withUrl(e) && namesFile(e, projectDir(e), file.fsPath)) : [];
  const byName = typeof given === 'string' ? naming.find((e) => e.name === given) : undefined;
  const env =
    byName ??
    (naming.length === 1
      ? naming[0]
      : await pickEnv(c.wb, naming.length ? undefined : file, 'schema apply', naming.length ? (e) => naming.includes(e) : withUrl));
  if (!env) return undefined;
  return { env, to: file && !namesFile(env, projectDir(env), file.fsPath) ? [file.fsPath] : undefined };
}

function diagnosticsOf(r: PlanSchemaApplyResult, offset: number, doc: vscode.TextDocument): vscode.Diagnostic[] {
  return (r.findings ?? []).map((f) => {
    const line = doc.lineAt(Math.min(f.line + offset, doc.lineCount - 1));
    const fixes = f.fixes.length ? `\n${f.fixes.map((x) => `Suggested fix: ${x}`).join('\n')}` : '';
    const d = new vscode.Diagnostic(
      line.range,
      `${f.message} (${f.header})${fixes}`,
      f.error ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
    );
    d.source = 'atlas lint';
    d.code = { value: f.code, target: vscode.Uri.parse(f.url) };
    return d;
  });
}

export async function planFlow(c: Ctx, env: EnvSummary, to?: string[]): Promise<boolean> {
  const planned = await c.wb.operate(`Plan Schema Apply (${env.name})`, PlanSchemaApplyRequest, env, to ? { to } : {});
  if (!planned) return false;
  if (planned.error) {
    await c.wb.fail(planned.error);
    return false;
  }
  if (planned.synced || !planned.planId) {
    void vscode.window.showInformationMessage(`Atlas: env "${env.name}" already matches its desired state: no changes to apply.`);
    return false;
  }
  const header = `-- Plan of "schema apply" on env ${env.name} to ${(planned.to ?? []).join(', ')} (nothing was executed)\n`;
  const editor = await c.docs.show(`schema-plan-${env.name}.sql`, header + planned.output, { beside: true, preview: false });
  findings ??= vscode.languages.createDiagnosticCollection('atlas schema plan');
  findings.set(editor.document.uri, diagnosticsOf(planned, header.split('\n').length - 1, editor.document));
  const n = planned.changes?.length ?? 0;
  const lint = planned.findings ?? [];
  const warn = lint.length ? ` Lint: ${lint.length} finding(s)${planned.destructive ? ', destructive changes (data will be lost)' : ''} — see the plan.` : '';
  const ok = await confirmOnEnv(
    env,
    'Apply',
    `${n} statement(s) shown in the plan will run on env "${env.name}"${env.url ? ` (${env.url})` : ''} in one transaction.${warn}`,
  );
  if (!ok) return false;
  const r = await c.wb.operate(`Schema Apply (${env.name})`, ApplySchemaPlanRequest, env, { planId: planned.planId });
  if (!r) return false;
  if (r.error) {
    await c.wb.fail(r.error);
    return false;
  }
  findings.delete(editor.document.uri);
  void vscode.window.showInformationMessage(`Atlas: applied ${r.applied} statement(s) on env "${env.name}"; it now matches its desired state.`);
  await c.wb.refresh();
  return true;
}

export const handler = (c: Ctx) => async (arg?: unknown) => {
  const file = fileOf(arg);
  const t = await target(c, arg, file);
  return t ? planFlow(c, t.env, t.to) : false;
};
