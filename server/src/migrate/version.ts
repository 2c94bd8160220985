// Versions and descriptions of migration file names (sql/migrate/dir.go:LocalFile.Version/Desc, NewVersion).

/** Everything before the first `_` of the name without `.sql` (the whole stem when there is no `_`). */
export function fileVersion(name: string): string {
  const stem = name.endsWith('.sql') ? name.slice(0, -4) : name;
  const i = stem.indexOf('_');
  return i < 0 ? stem : stem.slice(0, i);
}

/** After the first `_`, minus a trailing `.sql`; "" when the name has no `_`. */
export function fileDesc(name: string): string {
  const i = name.indexOf('_');
  if (i < 0) return '';
  const rest = name.slice(i + 1);
  return rest.endsWith('.sql') ? rest.slice(0, -4) : rest;
}

/** Version and description of a migration file name (`<version>_<description>.sql`). */
export function splitName(name: string): { version: string; description: string } {
  return { version: fileVersion(name), description: fileDesc(name) };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Atlas's `NewVersion`: UTC `YYYYMMDDHHMMSS`. */
export function newVersion(date: Date = new Date()): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
  );
}

/** Atlas's migration file name for a new version: `<version>[_<name>].sql` (name used verbatim). */
export function newFileName(version: string, name?: string): string {
  return `${version}${name ? `_${name}` : ''}.sql`;
}
