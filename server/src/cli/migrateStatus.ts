// `atlas-wb migrate status --url URL --dir URL [--env NAME] [--format '{{ json . }}']`: Atlas's migrate status.
import { parseArgs, str } from './args';
import { UserError, type CliCommand } from './io';
import { outputFormat, targetFlags, targetsFromFlags, withContext } from './migrateTarget';
import { migrateStatus, statusJson, statusText } from '../migrate/status';
import { checkDir, checksumErrorText } from '../migrate/validate';
import { redactPassword } from '../db/url';

export const usage = 'atlas-wb migrate status [--url URL] [--dir file://migrations] [--env NAME] [--revisions-schema NAME] [--format \'{{ json . }}\']';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, targetFlags);
  if (p.positional.length > 0) throw new UserError(`unknown command ${JSON.stringify(p.positional[0])} for "atlas-wb migrate status"`);
  for (const t of await targetsFromFlags(io, p)) {
    const format = outputFormat(p, t.env, 'migrate.status');
    const problem = checkDir(t.dir);
    if (problem) { io.out(checksumErrorText(problem)); throw new UserError(problem.message); }
    try {
      const r = await migrateStatus({ url: t.url, dir: t.dir, revisionsSchema: str(p, 'revisions-schema') ?? t.env?.migration.revisionsSchema, label: t.label });
      io.out(format === 'json' ? `${statusJson(r)}\n` : statusText(r));
    } catch (e) {
      throw new UserError(withContext(t, redactPassword(e instanceof Error ? e.message : String(e), t.url)));
    }
  }
  return 0;
};
