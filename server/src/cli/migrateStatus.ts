// `atlas-wb migrate status --url URL --dir URL [--env NAME] [--format '{{ json . }}']`: Atlas's migrate status.
import { parseArgs, str } from './args';
import { UserError, type CliCommand } from './io';
import { outputFormat, targetFlags, targetsFromFlags, withContext } from './migrateTarget';
import { statusJson, statusText } from '../migrate/status';
import { EngineError, status } from '../engine';
import { redactPassword } from '../db/url';

export const usage = "atlas-wb migrate status [--url URL] [--dir file://migrations] [--env NAME] [--revisions-schema NAME] [--format '{{ json . }}']";

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, targetFlags);
  if (p.positional.length > 0) throw new UserError(`unknown command ${JSON.stringify(p.positional[0])} for "atlas-wb migrate status"`);
  for (const t of await targetsFromFlags(io, p)) {
    const format = outputFormat(p, t.env, 'migrate.status');
    try {
      const r = await status(t, { revisionsSchema: str(p, 'revisions-schema') ?? t.env?.migration.revisionsSchema });
      io.out(format === 'json' ? `${statusJson(r)}\n` : statusText(r));
    } catch (e) {
      if (e instanceof EngineError && e.kind === 'checksumMismatch') {
        io.out(e.detail.preamble ?? '');
        throw new UserError(e.message);
      }
      throw new UserError(withContext(t, redactPassword(e instanceof Error ? e.message : String(e), t.url)));
    }
  }
  return 0;
};
