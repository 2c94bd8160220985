// `atlas-wb migrate apply [amount] --url URL --dir URL [--env NAME] ...`: Atlas's migrate apply.
import { bool, parseArgs, str } from './args';
import { UserError, type CliCommand } from './io';
import { dirFromFlags, userErrors } from './migrateHash';
import { outputFormat, targetFlags, targetsFromFlags, withContext } from './migrateTarget';
import { checkDir, checksumErrorText } from '../migrate/validate';
import { apply, EngineError } from '../engine';
import type { ApplyReport } from '../migrate/report';
import { parseTxMode } from '../migrate/executor';
import { parseGoDuration } from '../migrate/lock';
import { parseExecOrder } from '../migrate/pending';
import { applyJson, applyText } from '../migrate/report';
import { redactPassword } from '../db/url';

export const usage =
  "atlas-wb migrate apply [amount] [--url URL] [--dir file://migrations] [--env NAME] [--dry-run] [--baseline VERSION] [--allow-dirty] [--tx-mode file|all|none] [--exec-order linear|linear-skip|non-linear] [--revisions-schema NAME] [--lock-timeout 10s] [--to-version VERSION] [--auto-approve] [--format '{{ json . }}']\n\n" +
  'URL: postgres://user@host:5432/db?sslmode=disable[&search_path=schema], or pglite://<dir>: an embedded, file-backed\n' +
  'PostgreSQL (PGlite) database for trying things without a server. pglite:// is an Atlas Workbench addition, not an Atlas URL.';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, {
    ...targetFlags,
    'dry-run': { type: 'boolean' },
    baseline: { type: 'string' },
    'allow-dirty': { type: 'boolean' },
    'tx-mode': { type: 'string' },
    'exec-order': { type: 'string' },
    'lock-timeout': { type: 'string' },
    // Atlas (Pro) flags: --to-version stops at a version; --auto-approve is accepted (no review policy here).
    'to-version': { type: 'string' },
    'auto-approve': { type: 'boolean' },
  });
  if (p.positional.length > 1) throw new UserError(`accepts at most 1 arg(s), received ${p.positional.length}`);
  let amount: number | undefined;
  if (p.positional.length === 1) {
    const a = p.positional[0];
    if (!/^-?\d+$/.test(a)) throw new UserError(`invalid amount argument ${JSON.stringify(a)}`);
    amount = Number(a);
    if (amount < 1) throw new UserError(`cannot apply '${amount}' migration files`);
  }
  // Atlas validates the folder's checksum before it looks at the connection (a missing --url comes second).
  if (str(p, 'url') === undefined && str(p, 'env') === undefined) {
    const dir = await dirFromFlags(io, p);
    const problem = userErrors(() => checkDir(dir));
    if (problem) {
      io.out(checksumErrorText(problem));
      throw new UserError(problem.message);
    }
  }
  for (const t of await targetsFromFlags(io, p)) {
    const m = t.env?.migration;
    const format = outputFormat(p, t.env, 'migrate.apply');
    let txMode, execOrder, lockTimeoutMs;
    try {
      txMode = parseTxMode(str(p, 'tx-mode'));
      execOrder = parseExecOrder(str(p, 'exec-order') ?? m?.execOrder);
      lockTimeoutMs = parseGoDuration(str(p, 'lock-timeout') ?? m?.lockTimeout ?? '10s');
    } catch (e) {
      throw new UserError((e as Error).message);
    }
    try {
      const report = await apply(t, {
        amount,
        dryRun: bool(p, 'dry-run'),
        baseline: str(p, 'baseline') ?? m?.baseline,
        allowDirty: bool(p, 'allow-dirty'),
        toVersion: str(p, 'to-version'),
        txMode,
        execOrder,
        lockTimeoutMs,
        revisionsSchema: str(p, 'revisions-schema') ?? m?.revisionsSchema,
        signal: io.signal,
        onFile: (f) => io.progress?.(`${f.error ? 'failed' : 'applied'} version ${f.file.version}`),
      });
      io.out(format === 'json' ? `${applyJson(report)}\n` : applyText(report));
    } catch (e) {
      const msg = redactPassword(e instanceof Error ? e.message : String(e), t.url);
      if (e instanceof EngineError) {
        const partial = (e as EngineError<ApplyReport>).detail.partial;
        if (e.detail.preamble) io.out(e.detail.preamble);
        if (partial) io.out(format === 'json' ? `${applyJson(partial)}\n` : applyText(partial));
      }
      throw new UserError(withContext(t, msg));
    }
  }
  return 0;
};
