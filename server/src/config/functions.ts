// Functions available in atlas.hcl: signatures (completion, hover, validation) and the statically evaluable subset.
import fs from 'node:fs';
import path from 'node:path';

export class Unknown {
  constructor(readonly reason: string) {}
}
export type Value = string | number | boolean | null | Unknown | Value[] | { [k: string]: Value };

export const isUnknown = (v: unknown): v is Unknown => v instanceof Unknown;
export const isObject = (v: Value): v is { [k: string]: Value } => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);

export interface FnContext {
  baseDir: string;
  environ: Record<string, string | undefined>;
  /** names getenv() found unset */ unsetEnv?: Set<string>;
}
type Impl = (args: Value[], ctx: FnContext) => Value;

export interface FnSpec {
  name: string;
  signature: string;
  doc: string;
  impl?: Impl;
}

const str = (v: Value): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return '';
  throw new Error(`a string is required, got ${Array.isArray(v) ? 'a list' : 'an object'}`);
};
const list = (v: Value): Value[] => {
  if (Array.isArray(v)) return v;
  if (isObject(v)) return Object.values(v);
  throw new Error('a list is required');
};

/** Go's fmt verbs, the subset HCL's format() supports (%s %d %v %q %f %%). */
function goFormat(fmt: string, args: Value[]): string {
  let i = 0;
  return fmt.replace(/%([-+# 0]*\d*(?:\.\d+)?)([sdvqftx%])/g, (_m, _flags: string, verb: string) => {
    if (verb === '%') return '%';
    const v = args[i++];
    if (v === undefined) return `%!${verb}(MISSING)`;
    if (verb === 'q') return JSON.stringify(str(v));
    if (verb === 'd') return String(Math.trunc(Number(v)));
    if (verb === 'v' && typeof v === 'object' && v !== null) return JSON.stringify(v);
    return str(v);
  });
}

function urlQueryEscape(s: string): string {
  // Go's url.QueryEscape: space → '+', unreserved kept.
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

function withUrl(raw: string, fn: (u: URL) => void): string {
  const u = new URL(raw);
  fn(u);
  return u.toString();
}

function globToRegExp(pattern: string): RegExp {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\/?/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
    .replace(/\u0000/g, '(?:.*/)?');
  return new RegExp(`^${re}$`);
}

function glob(pattern: string, baseDir: string): string[] {
  const abs = path.isAbsolute(pattern);
  const root = abs ? '/' : baseDir;
  const re = globToRegExp(abs ? pattern.slice(1) : pattern.replace(/^\.\//, ''));
  const fixed = pattern.split('/').findIndex((p) => /[*?[]/.test(p));
  const start = fixed <= 0 ? root : path.join(root, ...pattern.split('/').slice(abs ? 1 : 0, fixed));
  if (!fs.existsSync(start)) return [];
  const all = fs.statSync(start).isDirectory() ? fs.readdirSync(start, { recursive: true }).map(String) : [''];
  return all
    .map((f) => path.relative(root, path.join(start, f)).split(path.sep).join('/'))
    .filter((f) => re.test(f))
    .sort()
    .map((f) => (abs ? '/' + f : f));
}

const fns: FnSpec[] = [
  {
    name: 'getenv',
    signature: 'getenv(name string) string',
    doc: 'Value of an environment variable ("" when unset).',
    impl: ([n], c) => {
      const v = c.environ[str(n)];
      if (v === undefined) c.unsetEnv?.add(str(n));
      return v ?? '';
    },
  },
  {
    name: 'file',
    signature: 'file(path string) string',
    doc: 'Contents of a file, relative to atlas.hcl.',
    impl: ([p], c) => fs.readFileSync(path.resolve(c.baseDir, str(p)), 'utf8'),
  },
  {
    name: 'glob',
    signature: 'glob(pattern string) list(string)',
    doc: 'Files matching a glob, relative to atlas.hcl.',
    impl: ([p], c) => glob(str(p), c.baseDir),
  },
  {
    name: 'fileset',
    signature: 'fileset(pattern string) list(string)',
    doc: 'Files matching a pattern, relative to atlas.hcl.',
    impl: ([p], c) => glob(str(p), c.baseDir),
  },
  {
    name: 'urlescape',
    signature: 'urlescape(s string) string',
    doc: 'Escapes a string for a URL (Go url.QueryEscape): passwords with special characters.',
    impl: ([s]) => urlQueryEscape(str(s)),
  },
  {
    name: 'urlsetpath',
    signature: 'urlsetpath(url string, path string) string',
    doc: 'Replaces the path of a URL.',
    impl: ([u, p]) =>
      withUrl(str(u), (x) => {
        x.pathname = str(p);
      }),
  },
  {
    name: 'urlqueryset',
    signature: 'urlqueryset(url string, key string, value string) string',
    doc: 'Sets a query parameter of a URL.',
    impl: ([u, k, v]) =>
      withUrl(str(u), (x) => {
        x.searchParams.set(str(k), str(v));
      }),
  },
  {
    name: 'urluserinfo',
    signature: 'urluserinfo(url string, user string, pass? string) string',
    doc: 'Sets the user (and password) of a URL.',
    impl: ([u, n, p]) =>
      withUrl(str(u), (x) => {
        x.username = encodeURIComponent(str(n));
        x.password = p === undefined ? '' : encodeURIComponent(str(p));
      }),
  },
  {
    name: 'format',
    signature: 'format(spec string, values...) string',
    doc: 'Formats values with a printf-style spec.',
    impl: ([f, ...r]) => goFormat(str(f), r),
  },
  { name: 'formatlist', signature: 'formatlist(spec string, lists...) list(string)', doc: 'format() over lists element by element.' },
  { name: 'lower', signature: 'lower(s string) string', doc: 'Lower-cases a string.', impl: ([s]) => str(s).toLowerCase() },
  { name: 'upper', signature: 'upper(s string) string', doc: 'Upper-cases a string.', impl: ([s]) => str(s).toUpperCase() },
  { name: 'title', signature: 'title(s string) string', doc: 'Capitalises each word.', impl: ([s]) => str(s).replace(/\b\w/g, (c) => c.toUpperCase()) },
  { name: 'trimspace', signature: 'trimspace(s string) string', doc: 'Removes leading and trailing white space.', impl: ([s]) => str(s).trim() },
  {
    name: 'trim',
    signature: 'trim(s string, chars string) string',
    doc: 'Removes the given characters from both ends.',
    impl: ([s, c]) => {
      const set = str(c);
      let x = str(s);
      while (x && set.includes(x[0])) x = x.slice(1);
      while (x && set.includes(x[x.length - 1])) x = x.slice(0, -1);
      return x;
    },
  },
  {
    name: 'trimprefix',
    signature: 'trimprefix(s string, prefix string) string',
    doc: 'Removes a prefix.',
    impl: ([s, p]) => (str(s).startsWith(str(p)) ? str(s).slice(str(p).length) : str(s)),
  },
  {
    name: 'trimsuffix',
    signature: 'trimsuffix(s string, suffix string) string',
    doc: 'Removes a suffix.',
    impl: ([s, p]) => (str(p) && str(s).endsWith(str(p)) ? str(s).slice(0, -str(p).length) : str(s)),
  },
  { name: 'chomp', signature: 'chomp(s string) string', doc: 'Removes trailing newlines.', impl: ([s]) => str(s).replace(/[\r\n]+$/, '') },
  {
    name: 'replace',
    signature: 'replace(s string, search string, replace string) string',
    doc: 'Replaces every occurrence of a substring.',
    impl: ([s, a, b]) => str(s).split(str(a)).join(str(b)),
  },
  { name: 'split', signature: 'split(sep string, s string) list(string)', doc: 'Splits a string.', impl: ([sep, s]) => str(s).split(str(sep)) },
  {
    name: 'join',
    signature: 'join(sep string, list list(string)) string',
    doc: 'Joins list elements.',
    impl: ([sep, ...ls]) => ls.flatMap(list).map(str).join(str(sep)),
  },
  { name: 'concat', signature: 'concat(lists...) list', doc: 'Concatenates lists.', impl: (ls) => ls.flatMap(list) },
  {
    name: 'length',
    signature: 'length(v) number',
    doc: 'Length of a string, list or map.',
    impl: ([v]) => (typeof v === 'string' ? [...v].length : list(v).length),
  },
  {
    name: 'contains',
    signature: 'contains(list, value) bool',
    doc: 'Whether a list contains a value.',
    impl: ([l, v]) => list(l).some((x) => JSON.stringify(x) === JSON.stringify(v)),
  },
  {
    name: 'startswith',
    signature: 'startswith(s string, prefix string) bool',
    doc: 'Whether s starts with prefix.',
    impl: ([s, p]) => str(s).startsWith(str(p)),
  },
  { name: 'endswith', signature: 'endswith(s string, suffix string) bool', doc: 'Whether s ends with suffix.', impl: ([s, p]) => str(s).endsWith(str(p)) },
  {
    name: 'substr',
    signature: 'substr(s string, offset number, length number) string',
    doc: 'Part of a string.',
    impl: ([s, o, l]) => {
      const c = [...str(s)];
      const off = Number(o) < 0 ? c.length + Number(o) : Number(o);
      return c.slice(off, Number(l) < 0 ? undefined : off + Number(l)).join('');
    },
  },
  { name: 'strrev', signature: 'strrev(s string) string', doc: 'Reverses a string.', impl: ([s]) => [...str(s)].reverse().join('') },
  { name: 'keys', signature: 'keys(map) list(string)', doc: 'Keys of a map, sorted.', impl: ([m]) => (isObject(m) ? Object.keys(m).sort() : []) },
  {
    name: 'values',
    signature: 'values(map) list',
    doc: 'Values of a map, by sorted key.',
    impl: ([m]) =>
      isObject(m)
        ? Object.keys(m)
            .sort()
            .map((k) => m[k])
        : [],
  },
  { name: 'merge', signature: 'merge(maps...) map', doc: 'Merges maps; later keys win.', impl: (ms) => Object.assign({}, ...ms.filter(isObject)) },
  {
    name: 'lookup',
    signature: 'lookup(map, key string, default) any',
    doc: 'A map element or a default.',
    impl: ([m, k, d]) => (isObject(m) && str(k) in m ? m[str(k)] : (d ?? null)),
  },
  {
    name: 'element',
    signature: 'element(list, index number) any',
    doc: 'List element (wraps around).',
    impl: ([l, i]) => {
      const x = list(l);
      return x[((Number(i) % x.length) + x.length) % x.length] ?? null;
    },
  },
  {
    name: 'index',
    signature: 'index(list, value) number',
    doc: 'Position of a value in a list.',
    impl: ([l, v]) => list(l).findIndex((x) => JSON.stringify(x) === JSON.stringify(v)),
  },
  {
    name: 'toset',
    signature: 'toset(list) set',
    doc: 'Converts to a set (unique, sorted).',
    impl: ([l]) => [...new Set(list(l).map((x) => JSON.stringify(x)))].sort().map((x) => JSON.parse(x) as Value),
  },
  { name: 'tolist', signature: 'tolist(v) list', doc: 'Converts to a list.', impl: ([l]) => list(l) },
  { name: 'tomap', signature: 'tomap(v) map', doc: 'Converts to a map.', impl: ([m]) => m },
  { name: 'tostring', signature: 'tostring(v) string', doc: 'Converts to a string.', impl: ([v]) => str(v) },
  { name: 'tonumber', signature: 'tonumber(v) number', doc: 'Converts to a number.', impl: ([v]) => Number(v) },
  { name: 'tobool', signature: 'tobool(v) bool', doc: 'Converts to a bool.', impl: ([v]) => v === true || v === 'true' },
  {
    name: 'distinct',
    signature: 'distinct(list) list',
    doc: 'Removes duplicates.',
    impl: ([l]) => [...new Set(list(l).map((x) => JSON.stringify(x)))].map((x) => JSON.parse(x) as Value),
  },
  {
    name: 'compact',
    signature: 'compact(list(string)) list(string)',
    doc: 'Removes empty strings.',
    impl: ([l]) => list(l).filter((x) => x !== '' && x !== null),
  },
  { name: 'flatten', signature: 'flatten(list) list', doc: 'Flattens nested lists.', impl: ([l]) => list(l).flat(Infinity as 1) as Value[] },
  { name: 'reverse', signature: 'reverse(list) list', doc: 'Reverses a list.', impl: ([l]) => [...list(l)].reverse() },
  { name: 'sort', signature: 'sort(list(string)) list(string)', doc: 'Sorts strings.', impl: ([l]) => list(l).map(str).sort() },
  { name: 'slice', signature: 'slice(list, start number, end number) list', doc: 'Part of a list.', impl: ([l, s, e]) => list(l).slice(Number(s), Number(e)) },
  {
    name: 'zipmap',
    signature: 'zipmap(keys list(string), values list) map',
    doc: 'Builds a map from two lists.',
    impl: ([k, v]) => Object.fromEntries(list(k).map((x, i) => [str(x), list(v)[i] ?? null])),
  },
  {
    name: 'coalesce',
    signature: 'coalesce(values...) any',
    doc: 'First value that is not null or "".',
    impl: (vs) => vs.find((v) => v !== null && v !== '') ?? null,
  },
  {
    name: 'coalescelist',
    signature: 'coalescelist(lists...) list',
    doc: 'First non-empty list.',
    impl: (ls) => ls.find((l) => Array.isArray(l) && l.length > 0) ?? [],
  },
  { name: 'abs', signature: 'abs(n number) number', doc: 'Absolute value.', impl: ([n]) => Math.abs(Number(n)) },
  { name: 'ceil', signature: 'ceil(n number) number', doc: 'Rounds up.', impl: ([n]) => Math.ceil(Number(n)) },
  { name: 'floor', signature: 'floor(n number) number', doc: 'Rounds down.', impl: ([n]) => Math.floor(Number(n)) },
  { name: 'max', signature: 'max(numbers...) number', doc: 'Largest number.', impl: (ns) => Math.max(...ns.map(Number)) },
  { name: 'min', signature: 'min(numbers...) number', doc: 'Smallest number.', impl: (ns) => Math.min(...ns.map(Number)) },
  { name: 'pow', signature: 'pow(base number, exp number) number', doc: 'Power.', impl: ([b, e]) => Number(b) ** Number(e) },
  { name: 'signum', signature: 'signum(n number) number', doc: 'Sign of a number.', impl: ([n]) => Math.sign(Number(n)) },
  { name: 'log', signature: 'log(n number, base number) number', doc: 'Logarithm.', impl: ([n, b]) => Math.log(Number(n)) / Math.log(Number(b)) },
  { name: 'parseint', signature: 'parseint(s string, base number) number', doc: 'Parses an integer.', impl: ([s, b]) => parseInt(str(s), Number(b)) },
  {
    name: 'range',
    signature: 'range(start?, limit, step?) list(number)',
    doc: 'A list of numbers.',
    impl: (a) => {
      const [s, l, st] = a.length === 1 ? [0, Number(a[0]), 1] : [Number(a[0]), Number(a[1]), Number(a[2] ?? 1)];
      const out: number[] = [];
      for (let i = s; st > 0 ? i < l : i > l; i += st) {
        out.push(i);
        if (out.length > 1024) break;
      }
      return out;
    },
  },
  { name: 'jsonencode', signature: 'jsonencode(v) string', doc: 'Encodes as JSON.', impl: ([v]) => JSON.stringify(v) },
  { name: 'jsondecode', signature: 'jsondecode(s string) any', doc: 'Decodes JSON.', impl: ([s]) => JSON.parse(str(s)) as Value },
  { name: 'regex', signature: 'regex(pattern string, s string) string|list', doc: 'First regular expression match.' },
  { name: 'regexall', signature: 'regexall(pattern string, s string) list', doc: 'All regular expression matches.' },
  {
    name: 'regexpescape',
    signature: 'regexpescape(s string) string',
    doc: 'Escapes regular-expression metacharacters.',
    impl: ([s]) => str(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  },
  { name: 'regexreplace', signature: 'regexreplace(s string, pattern string, replace string) string', doc: 'Replaces regular expression matches.' },
  {
    name: 'indent',
    signature: 'indent(spaces number, s string) string',
    doc: 'Indents all lines but the first.',
    impl: ([n, s]) =>
      str(s)
        .split('\n')
        .map((l, i) => (i ? ' '.repeat(Number(n)) + l : l))
        .join('\n'),
  },
  { name: 'can', signature: 'can(expr) bool', doc: 'Whether an expression evaluates without error.' },
  { name: 'try', signature: 'try(exprs...) any', doc: 'First expression that evaluates without error.' },
  { name: 'alltrue', signature: 'alltrue(list(bool)) bool', doc: 'Whether all elements are true.', impl: ([l]) => list(l).every((x) => x === true) },
  { name: 'anytrue', signature: 'anytrue(list(bool)) bool', doc: 'Whether any element is true.', impl: ([l]) => list(l).some((x) => x === true) },
  {
    name: 'empty',
    signature: 'empty(v) bool',
    doc: 'Whether a value is empty.',
    impl: ([v]) => v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0),
  },
  { name: 'chunklist', signature: 'chunklist(list, size number) list(list)', doc: 'Splits a list into chunks.' },
  { name: 'csvdecode', signature: 'csvdecode(s string) list(map)', doc: 'Decodes CSV.' },
  { name: 'formatdate', signature: 'formatdate(spec string, timestamp string) string', doc: 'Formats a timestamp.' },
  { name: 'timeadd', signature: 'timeadd(timestamp string, duration string) string', doc: 'Adds a duration to a timestamp.' },
  { name: 'setintersection', signature: 'setintersection(sets...) set', doc: 'Set intersection.' },
  { name: 'setproduct', signature: 'setproduct(sets...) list', doc: 'Cartesian product.' },
  { name: 'setsubtract', signature: 'setsubtract(a set, b set) set', doc: 'Set difference.' },
  { name: 'setunion', signature: 'setunion(sets...) set', doc: 'Set union.' },
  { name: 'yamldecode', signature: 'yamldecode(s string) any', doc: 'Decodes YAML.' },
  { name: 'yamlencode', signature: 'yamlencode(v) string', doc: 'Encodes as YAML.' },
  { name: 'yamlmerge', signature: 'yamlmerge(docs...) string', doc: 'Merges YAML documents.' },
  { name: 'print', signature: 'print(v) any', doc: 'Prints a value and returns it.', impl: ([v]) => v },
  { name: 'sql', signature: 'sql(expr string) sql', doc: 'A raw SQL expression (schema files).' },
  // Type constructors and conversions used in `variable.type` and expressions.
  ...['list', 'set', 'map', 'tuple', 'object'].map((n) => ({ name: n, signature: `${n}(T)`, doc: `The ${n} type constructor.` })),
];

export const functions = new Map(fns.map((f) => [f.name, f]));
/** Identifiers allowed bare in type expressions (`type = list(string)`). */
export const typeNames = new Set(['string', 'number', 'bool', 'int', 'any', 'list', 'set', 'map', 'tuple', 'object']);
