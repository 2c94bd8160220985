// Atlas directives (`atlas:<name> [args]`) exactly as sql/migrate/dir.go and lex.go read them:
// the first-line `atlas:sum`, the file header block (`txmode`, `checkpoint`, `nolint`, …) and statement comments.

/** `dir.go:reDirective`. Go's `.` stops only at \n, hence `[^\n]`. No multiline flag: first line only. */
const reDirective = /^([ -~]*)atlas:(\w+)(?: +([^\n]+))*/;

/** `dir.go:directive`: the value (possibly "") if `content` starts with directive `name` (and `prefix` if given). */
export function directive(content: string, name: string, prefix?: string): string | undefined {
  const m = reDirective.exec(content);
  if (m && m[2] === name && (prefix === undefined || prefix === m[1])) return m[3] ?? '';
  return undefined;
}

/** `dir.go:parseDirective`: name and args of the directive `content` starts with. */
export function parseDirective(content: string): { name: string; args: string } | undefined {
  const m = reDirective.exec(content);
  return m ? { name: m[2], args: m[3] ?? '' } : undefined;
}

const GO_SPACE = '\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** Go's strings.TrimSpace (unicode.IsSpace; unlike String.prototype.trim it keeps a BOM). */
export function goTrimSpace(s: string): string {
  let a = 0,
    b = s.length;
  while (a < b && GO_SPACE.includes(s[a])) a++;
  while (b > a && GO_SPACE.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/**
 * `LocalFile.comments()`: the header comment lines (`#…` or `--…`, trimmed) when the block is followed by a blank
 * line or ends the file; otherwise none (the comments belong to the first statement). CRLF blank lines don't count.
 */
export function fileComments(text: string): string[] {
  const comments: string[] = [];
  let content = text;
  while (content.startsWith('#') || content.startsWith('--')) {
    const idx = content.indexOf('\n');
    if (idx === -1) {
      comments.push(content);
      break;
    }
    comments.push(goTrimSpace(content.slice(0, idx)));
    content = content.slice(idx + 1);
  }
  if (!content.replace(/^[ \t]+/, '').startsWith('\n') && content !== '') return [];
  return comments;
}

/** `LocalFile.Directive(name)`: values of the file-level directive `name`, in header order. */
export function fileDirective(text: string, name: string): string[] {
  const out: string[] = [];
  for (const c of fileComments(text)) {
    const d = directive(c, name);
    if (d !== undefined) out.push(d);
  }
  return out;
}

export interface FileDirectives {
  /** first-line `atlas:sum` value ("ignore" excludes the file from atlas.sum) */
  sum?: string;
  /** `-- atlas:delimiter` on the first line (prefix exactly `-- `), raw (escapes not yet applied) */
  delimiter?: string;
  txmode: string[];
  checkpoint: string[];
  nolint: string[];
  /** every header directive, in order */
  all: Array<{ name: string; args: string }>;
}

/** All directives of a file as Atlas sees them. */
export function fileDirectives(text: string): FileDirectives {
  const all: FileDirectives['all'] = [];
  for (const c of fileComments(text)) {
    const d = parseDirective(c);
    if (d) all.push(d);
  }
  const pick = (n: string) => all.filter((d) => d.name === n).map((d) => d.args);
  return {
    sum: directive(text, 'sum'),
    delimiter: directive(text, 'delimiter', '-- '),
    txmode: pick('txmode'),
    checkpoint: pick('checkpoint'),
    nolint: pick('nolint'),
    all,
  };
}

/** `atlas:sum ignore` test on the raw bytes (only the first line matters). */
export function sumIgnored(bytes: Uint8Array): boolean {
  let end = bytes.indexOf(0x0a);
  if (end < 0) end = bytes.length;
  const line = Buffer.from(bytes.buffer, bytes.byteOffset, end);
  if (line.indexOf('atlas:sum') < 0) return false;
  const first = line.toString('utf8');
  return directive(first, 'sum') === 'ignore';
}

/** `lex.go:Stmt.Directive`: directive values found in a statement's comment group. */
export function stmtDirective(comments: string[], name: string): string[] {
  const out: string[] = [];
  for (const c of comments) {
    if (c.startsWith('/*') && !c.includes('\n')) {
      const d = directive(c.endsWith('*/') ? c.slice(0, -2) : c, name, '/*');
      if (d !== undefined) out.push(d);
      continue;
    }
    for (const p of ['#', '--', '-- ']) {
      const d = directive(c, name, p);
      if (d !== undefined) out.push(d);
    }
  }
  return out;
}

/** Go's %q of a []string: ["a" "b"]. */
const goQuoteList = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(' ')}]`;

/**
 * `cmdapi/migrate.go:txmodeFor`: the file's txmode ("none" | "file" | "" when unset); throws Atlas's messages.
 */
export function txmodeFor(fileName: string, text: string): '' | 'none' | 'file' {
  const ds = fileDirective(text, 'txmode');
  if (ds.length === 0) return '';
  if (ds.length > 1) throw new Error(`multiple txmode values found in file ${JSON.stringify(fileName)}: ${goQuoteList(ds)}`);
  if (ds[0] === 'all') throw new Error(`txmode "all" is not allowed in file directive ${JSON.stringify(fileName)}. Use "file" instead`);
  if (ds[0] === 'none' || ds[0] === 'file') return ds[0];
  throw new Error(`unknown txmode ${JSON.stringify(ds[0])} found in file directive ${JSON.stringify(fileName)}`);
}

/** `LocalFile.AddDirective`: the file bytes with `-- atlas:<name>[ args]\n` (+ `\n` if it had no header) prepended. */
export function addFileDirective(text: string, name: string, ...args: string[]): string {
  const head = `-- atlas:${name}${args.length ? ' ' + args.join(' ') : ''}\n`;
  return head + (fileComments(text).length === 0 ? '\n' : '') + text;
}
