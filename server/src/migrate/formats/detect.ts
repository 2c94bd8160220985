// Which other tool a migration folder read as Atlas format was written for, from its file names and the first bytes
// of its files (pure), and the hint that tells the user how to read it as such.

export interface ForeignLayout {
  format: 'golang-migrate' | 'flyway' | 'goose' | 'dbmate' | 'liquibase';
  /** what gave it away, e.g. `1_init.up.sql and 1_init.down.sql side by side` */
  evidence: string;
}

const reFlyway = /^(?:[VUB]\d[\w.]*__.*|R__.+)\.sql$/;
const reGoose = /^--\s*\+goose\s+(Up|Down|StatementBegin)\b/m;
const reDbmate = /^--\s*migrate:(up|down)\b/m;
const reLiquibase = /^\s*--\s*liquibase\s+formatted\s+sql\b/i;

/**
 * The foreign layout of a folder, or undefined when it looks like an Atlas folder.
 * @param names the folder's top-level `*.sql` names
 * @param head the start of a file's text (a few KB are enough); called for the names in order, at most `maxHeads` times
 */
export function detectForeignLayout(names: string[], head: (name: string) => string, maxHeads = 200): ForeignLayout | undefined {
  const set = new Set(names);
  for (const n of names) {
    if (!n.endsWith('.up.sql')) continue;
    const down = `${n.slice(0, -'.up.sql'.length)}.down.sql`;
    if (set.has(down)) return { format: 'golang-migrate', evidence: `${n} and ${down} side by side` };
  }
  const ups = names.filter((n) => n.endsWith('.up.sql') || n.endsWith('.down.sql'));
  if (ups.length > 0 && ups.length === names.length) return { format: 'golang-migrate', evidence: `files named *.up.sql/*.down.sql (${ups[0]})` };
  const flyway = names.find((n) => reFlyway.test(n));
  if (flyway) return { format: 'flyway', evidence: `Flyway file name ${flyway}` };
  for (const n of names.slice(0, maxHeads)) {
    const text = head(n);
    const g = reGoose.exec(text);
    if (g) return { format: 'goose', evidence: `${n} has a "-- +goose ${g[1]}" annotation` };
    const d = reDbmate.exec(text);
    if (d) return { format: 'dbmate', evidence: `${n} has a "-- migrate:${d[1]}" annotation` };
    if (reLiquibase.test(text)) return { format: 'liquibase', evidence: `${n} starts with "--liquibase formatted sql"` };
  }
  return undefined;
}

/** The hint for a folder shown as `display` (the path as the user wrote it). */
export function foreignLayoutHint(found: ForeignLayout, display: string): string {
  const f = found.format;
  return (
    `this folder looks like a ${f} migration directory (${found.evidence}) but is read as Atlas format: ` +
    `read it with --dir "file://${display}?format=${f}" (or --dir-format ${f}, or \`format = ${f}\` in the env's ` +
    `migration block of atlas.hcl), or convert it once with: atlas-wb migrate import --from "file://${display}?format=${f}" --to "file://<new folder>"`
  );
}

/** One line for an error: the likely format and how to set it. */
export function foreignLayoutShortHint(found: ForeignLayout, display: string): string {
  const f = found.format;
  return `the folder looks like a ${f} migration directory; read it with --dir "file://${display}?format=${f}" or \`format = ${f}\` in the env's migration block`;
}

/** The hint in the editor (a diagnostic on the folder's files): the atlas.hcl setting, the dir URL or the conversion. */
export function foreignLayoutEditorHint(found: ForeignLayout, display: string): string {
  const f = found.format;
  return (
    `This folder looks like a ${f} migration directory (${found.evidence}) but is read as Atlas format. ` +
    `Read it as ${f}: \`format = ${f}\` in the env's migration block of atlas.hcl (or dir = "file://${display}?format=${f}"), ` +
    `or convert it once with "Convert Folder to Atlas Format".`
  );
}
