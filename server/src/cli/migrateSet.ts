// `atlas-wb migrate set [version] --url URL --dir URL [--env NAME]`: Atlas's migrate set.
import { parseArgs, str } from './args';
import { UserError, type CliCommand } from './io';
import { targetFlags, targetFromFlags, withContext } from './migrateTarget';
import { migrateSet, setText } from '../migrate/set';
import { checkDir, checksumErrorText } from '../migrate/validate';
import { redactPassword } from '../db/url';

export const usage = 'atlas-wb migrate set [version] [--url URL] [--dir file://migrations] [--env NAME] [--revisions-schema NAME]';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, targetFlags);
  if (p.positional.length > 1) throw new UserError(`accepts at most 1 arg(s), received ${p.positional.length}`);
  const t = await targetFromFlags(io, p);
  const problem = checkDir(t.dir);
  if (problem) {
    io.out(checksumErrorText(problem));
    throw new UserError(problem.message);
  }
  try {
    const r = await migrateSet({
      url: t.url,
      dir: t.dir,
      version: p.positional[0],
      revisionsSchema: str(p, 'revisions-schema') ?? t.env?.migration.revisionsSchema,
      label: t.label,
    });
    io.out(setText(r));
    return 0;
  } catch (e) {
    throw new UserError(withContext(t, redactPassword(e instanceof Error ? e.message : String(e), t.url)));
  }
};
