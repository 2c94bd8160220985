// `atlas-wb schema clean --url URL [--auto-approve]`: drops every object the connection sees (the URL's schema
// only when it names one). Prints the plan as `schema apply` does, or `Nothing to drop`; asks for approval.
import { bool, parseArgs, str, strs } from './args';
import { UserError, type CliCommand } from './io';
import { envFromFlags, projectFlagSpec } from './project';
import { planSchemaClean, runSchemaPlan } from '../engine/schemaApply';
import { planReview } from './schemaPlanText';

export const usage = 'atlas-wb schema clean --url URL [--auto-approve] [--env NAME]';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, {
    url: { type: 'string', short: 'u' },
    'auto-approve': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    ...projectFlagSpec,
  });
  const env = await envFromFlags(io, { config: str(p, 'config'), env: str(p, 'env'), var: strs(p, 'var') });
  const url = str(p, 'url') ?? env?.url;
  if (!url) throw new UserError('required flag(s) "url" not set');
  if (bool(p, 'dry-run')) throw new UserError('"schema clean --dry-run" is not supported by the community version');
  const plan = await planSchemaClean(url);
  if (!plan.changes.length) {
    io.out('Nothing to drop\n');
    return 0;
  }
  io.out(planReview(plan));
  if (!bool(p, 'auto-approve')) {
    const answer = io.choose ? await io.choose('Are you sure?', ['Apply', 'Abort']) : undefined;
    if (answer === undefined) throw new UserError('^D');
    if (answer !== 'Apply') return 0;
  }
  const r = await runSchemaPlan(url, plan.statements, 'none');
  if (r.error) throw new UserError(`executing statement ${JSON.stringify(r.error.statement)}: ${r.error.message}`);
  return 0;
};
