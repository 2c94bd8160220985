// `atlas-wb schema apply --url URL --to URL [--dev-url URL] [--dry-run | --auto-approve] [--tx-mode file|none]
// [--schema S] [--exclude PATTERN]`: Atlas's declarative apply. Prints `-- Planned Changes:` with the plan (or
// `Schema is synced, no changes to be made`), the plan's lint findings as comments when there are any (ours), then
// applies after approval; without a terminal and without
// --auto-approve the review prompt gets end-of-input and the command fails as Atlas's does (`Error: ^D`).
import nodePath from 'node:path';
import { bool, devUrlOf, parseArgs, str, strs } from './args';
import { UserError, type CliCommand } from './io';
import { envFromFlags, projectFlagSpec } from './project';
import { planSchemaApply, runSchemaPlan, type TxMode } from '../engine/schemaApply';
import { planReviewWithLint } from './schemaPlanText';

export const usage =
  'atlas-wb schema apply --url URL --to URL [--dev-url URL] [--dry-run] [--auto-approve] [--tx-mode file|none] [--schema S] [--exclude PATTERN] [--env NAME]';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, {
    url: { type: 'string', short: 'u' },
    to: { type: 'strings' },
    'dev-url': { type: 'string' },
    'dry-run': { type: 'boolean' },
    'auto-approve': { type: 'boolean' },
    'tx-mode': { type: 'string' },
    schema: { type: 'strings', short: 's' },
    exclude: { type: 'strings' },
    'lock-timeout': { type: 'string' },
    ...projectFlagSpec,
  });
  const env = await envFromFlags(io, { config: str(p, 'config'), env: str(p, 'env'), var: strs(p, 'var') });
  const url = str(p, 'url') ?? env?.url;
  const to = strs(p, 'to').length ? strs(p, 'to') : (env?.src ?? []);
  const txMode = str(p, 'tx-mode') ?? 'file';
  if (!url) throw new UserError('required flag(s) "url" not set');
  if (!to.length) throw new UserError('one of flag(s) "file" or "to" is required');
  if (txMode !== 'none' && txMode !== 'file') throw new UserError(`unknown tx-mode ${JSON.stringify(txMode)}`);
  if (bool(p, 'dry-run') && bool(p, 'auto-approve'))
    throw new UserError('if any flags in the group [dry-run auto-approve] are set none of the others can be; [auto-approve dry-run] were all set');
  const plan = await planSchemaApply({
    url,
    to,
    devUrl: devUrlOf(p, env, io),
    env,
    cwd: env && !strs(p, 'to').length ? nodePath.dirname(env.configPath) : io.cwd,
    environ: io.env,
    schemas: strs(p, 'schema'),
    exclude: [...strs(p, 'exclude'), ...(env?.exclude ?? [])],
  });
  if (!plan.changes.length) {
    io.out('Schema is synced, no changes to be made\n');
    return 0;
  }
  io.out(planReviewWithLint(plan));
  if (bool(p, 'dry-run')) return 0;
  if (!bool(p, 'auto-approve')) {
    const answer = io.choose ? await io.choose('Are you sure?', ['Apply', 'Abort']) : undefined;
    if (answer === undefined) throw new UserError('^D');
    if (answer !== 'Apply') return 0;
  }
  const r = await runSchemaPlan(url, plan.statements, txMode as TxMode);
  if (r.error) throw new UserError(`executing statement ${JSON.stringify(r.error.statement)}: ${r.error.message}`);
  return 0;
};
