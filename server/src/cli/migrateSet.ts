// `atlas-wb migrate set [version] --url URL --dir URL [--env NAME]`: Atlas's migrate set.
import { parseArgs, str } from './args';
import { UserError, type CliCommand } from './io';
import { targetFlags, targetFromFlags, withContext } from './migrateTarget';
import { viaEngine } from './engineCall';
import { checkedDir, set } from '../engine/migrate';
import { setText } from '../migrate/set';
import { redactPassword } from '../db/url';

export const usage = 'atlas-wb migrate set [version] [--url URL] [--dir file://migrations] [--env NAME] [--revisions-schema NAME]';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, targetFlags);
  if (p.positional.length > 1) throw new UserError(`accepts at most 1 arg(s), received ${p.positional.length}`);
  const t = await targetFromFlags(io, p);
  await viaEngine(io, () => checkedDir(t.dir));
  const r = await viaEngine(
    io,
    () => set(t, { version: p.positional[0], revisionsSchema: str(p, 'revisions-schema') ?? t.env?.migration.revisionsSchema }),
    (m) => withContext(t, redactPassword(m, t.url)),
  );
  io.out(setText(r));
  return 0;
};
