// `atlas-wb migrate down [amount] [--to-version V] --url URL --dir URL [--dev-url URL] [--dry-run] [--allow-destructive]`:
// reverts applied files by planning back to the folder's earlier state on the dev database.
import { bool, devUrlOf, parseArgs, str } from './args';
import { UserError, type CliCommand } from './io';
import { outputFormat, targetFlags, targetFromFlags, withContext } from './migrateTarget';
import { downJson, downText, type DownResult } from '../migrate/down';
import { down, EngineError } from '../engine';
import { parseGoDuration } from '../migrate/lock';
import { maskUrl, redactPassword } from '../db/url';

export const usage =
  "atlas-wb migrate down [amount] [--to-version VERSION] [--url URL] [--dir file://migrations] [--dev-url URL] [--env NAME] [--dry-run] [--allow-destructive] [--format '{{ json . }}']";

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, {
    ...targetFlags,
    'dev-url': { type: 'string' },
    'to-version': { type: 'string' },
    'dry-run': { type: 'boolean' },
    'allow-destructive': { type: 'boolean' },
    'lock-timeout': { type: 'string' },
  });
  if (p.positional.length > 1) throw new UserError(`accepts at most 1 arg(s), received ${p.positional.length}`);
  let amount = 1;
  if (p.positional.length === 1) {
    if (!/^\d+$/.test(p.positional[0]) || Number(p.positional[0]) < 1) throw new UserError(`invalid amount argument ${JSON.stringify(p.positional[0])}`);
    amount = Number(p.positional[0]);
  }
  const t = await targetFromFlags(io, p);
  const format = outputFormat(p, t.env, 'migrate.down');
  const devUrl = devUrlOf(p, t.env, io);
  let lockTimeoutMs: number;
  try {
    lockTimeoutMs = parseGoDuration(str(p, 'lock-timeout') ?? t.env?.migration.lockTimeout ?? '10s');
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  const show = (r: Parameters<typeof downText>[0]) => io.out(format === 'json' ? `${downJson(r, maskUrl(t.url))}\n` : downText(r));
  try {
    const r = await down(t, {
      devUrl,
      amount,
      toVersion: str(p, 'to-version'),
      dryRun: bool(p, 'dry-run'),
      allowDestructive: bool(p, 'allow-destructive'),
      revisionsSchema: str(p, 'revisions-schema') ?? t.env?.migration.revisionsSchema,
      lockTimeoutMs,
      cwd: io.cwd,
      onDev: (d, n) => {
        if (format === 'text') io.err(`Using ${d} as the dev database\n`);
        if (n) io.err(`Warning: ${n}\n`);
      },
      onVersion: (m) => io.err(`Warning: ${m}\n`),
    });
    show(r);
    return 0;
  } catch (e) {
    const partial = e instanceof EngineError ? (e as EngineError<DownResult>).detail.partial : undefined;
    if (partial) show(partial);
    throw new UserError(withContext(t, redactPassword(e instanceof Error ? e.message : String(e), t.url)));
  }
};
