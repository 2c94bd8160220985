// Which envs a refresh reads the status of. An explicit refresh (command, startup, after an operation) reads every
// env with a folder or URL; a file save reads only the envs of the project holding the saved file, and never a
// production-like env (those are connected to only on an explicit refresh or command). Pure (no vscode).

/** Paths that changed (file saves), or 'all' for an explicit refresh. */
export type RefreshScope = ReadonlySet<string> | 'all';

/** Merges two pending scopes: anything explicit makes the result explicit. */
export function mergeScopes(a: RefreshScope | undefined, b: RefreshScope): RefreshScope {
  if (a === undefined) return b;
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...a, ...b]);
}

/** Whether `file` is inside `dir` (or is it); `sep` is the platform separator. */
export function inside(file: string, dir: string, sep = '/'): boolean {
  return file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

export interface ScopedEnv {
  name: string;
  projectDir: string;
  readable: boolean;
}

/** The envs whose status a refresh with `scope` reads. */
export function envsToRead<E extends ScopedEnv>(envs: E[], scope: RefreshScope, isProduction: (env: E) => boolean, sep = '/'): E[] {
  const readable = envs.filter((e) => e.readable);
  if (scope === 'all') return readable;
  return readable.filter((e) => !isProduction(e) && [...scope].some((f) => inside(f, e.projectDir, sep)));
}
