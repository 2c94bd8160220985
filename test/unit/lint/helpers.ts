// Test helpers: lint in-memory folders (name → SQL) with the real splitter, parser and engine.
import { initSqlParser } from '../../../server/src/sql/parser';
import { lintFolder, type FileResult, type LintOptions } from '../../../server/src/lint/engine';
import { prepareFile } from '../../../server/src/lint/prepare';

export const ready = (): Promise<void> => initSqlParser();

/** Lints the last `latest` files of the folder (all when omitted) and returns their results. */
export function lintSources(files: Array<[string, string]>, latest = 1, opts: LintOptions = {}): FileResult[] {
  const prepared = files.map(([n, t]) => prepareFile(n, t));
  return lintFolder(prepared, Math.max(0, prepared.length - latest), opts).files;
}

/** "CODE: text" lines of one file result, in report order. */
export function lines(r: FileResult | undefined, only = /./): string[] {
  return (r?.reports ?? []).flatMap((rep) => rep.Diagnostics.filter((d) => only.test(d.Code)).map((d) => `${d.Code}: ${d.Text}`));
}

/** Codes of one file result, optionally only those matching `only` (e.g. /^DS/ for one family). */
export function codes(r: FileResult | undefined, only = /./): string[] {
  return (r?.reports ?? []).flatMap((rep) => rep.Diagnostics.filter((d) => only.test(d.Code)).map((d) => d.Code));
}

/** Lints `sql` as the only new file after a base file `base`. */
export function lintAfter(base: string, sql: string, opts: LintOptions = {}): FileResult {
  return lintSources(
    [
      ['1_base.sql', base],
      ['2_change.sql', sql],
    ],
    1,
    opts,
  )[0];
}
