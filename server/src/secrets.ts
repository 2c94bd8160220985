// What may be shown. Every text the CLI prints, the language server sends and the client logs goes through
// `display` (or `shown`, which adds the secrets this process has seen): URL passwords are masked, `password=`
// parameters are masked, and known secret values are removed wherever they appear.
// No runtime dependencies: the client uses it through protocol.ts.

/** What a hidden password is replaced with (Atlas's `URL.Redacted()` writes `xxxxx`; our outputs have always used `****`). */
export const MASK = '****';

/** Secrets shorter than this are masked inside URLs but not searched for in free text (a 2-letter search would eat the text). */
const MIN_FREE_TEXT = 3;

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

/**
 * [start, end) of the userinfo password of a URL, also when the URL does not parse because the password holds an
 * unencoded `/`, `?`, `#` or `@`: the password runs from `//user:` to the last `@` that is not part of a
 * `key=value` query parameter. When in doubt it covers more.
 */
function passwordSpan(url: string): [number, number] | undefined {
  const hasScheme = SCHEME.test(url);
  const m = (hasScheme ? /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#@:\s]*:/ : /^[^/?#@:\s]*:/).exec(url);
  if (!m) return undefined;
  const start = m[0].length;
  const from = hasScheme ? url.indexOf('//') + 2 : 0;
  const authority = url.slice(from, from + firstOf(url.slice(from), '/?#'));
  // `user:pw@host` or `host:port` before the first / ? #: an @ inside a later query value is the value's.
  const wellFormed = authority.includes('@') || /^\d*$/.test(authority.slice(authority.indexOf(':') + 1));
  for (let i = url.lastIndexOf('@'); i >= start; i = url.lastIndexOf('@', i - 1)) {
    if (wellFormed && inQueryValue(url, start, i)) continue;
    return [start, i];
  }
  return undefined;
}

function firstOf(s: string, chars: string): number {
  for (let i = 0; i < s.length; i++) if (chars.includes(s[i])) return i;
  return s.length;
}

/** Is the `@` at `at` inside a `?key=value` / `&key=value` parameter (and not followed by a path)? */
function inQueryValue(url: string, start: number, at: number): boolean {
  const j = Math.max(url.lastIndexOf('?', at), url.lastIndexOf('&', at));
  if (j < start) return false;
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*=[^?#/]*$/.test(url.slice(j + 1, at))) return false;
  return !url
    .slice(at + 1)
    .split(/[&#]/)[0]
    .includes('/');
}

/** `password=` / `sslpassword=` parameters (URL queries, Atlas's JSON `RawQuery`, libpq key=value strings). */
const PARAM = /(^|[?&;\s"'{,])((?:ssl)?password=)([^&#\s"'}]*)/gi;

/** The URL with its password (userinfo and `password=` parameter) replaced by `****`. Other text is returned unchanged. */
export function maskUrl(url: string): string {
  const span = passwordSpan(url);
  const out = span ? `${url.slice(0, span[0])}${MASK}${url.slice(span[1])}` : url;
  return out.replace(PARAM, (_w, lead: string, key: string) => `${lead}${key}${MASK}`);
}

/** The passwords a URL carries (userinfo and `password=` parameters), as written; empty if none. */
export function urlPasswords(url: string): string[] {
  const out: string[] = [];
  const span = passwordSpan(url.trim());
  if (span) out.push(url.trim().slice(span[0], span[1]));
  for (const m of url.matchAll(PARAM)) out.push(m[3]);
  return out.filter((s) => s.length > 0);
}

/**
 * Every way a secret can be written in our outputs: raw, percent-decoded/-encoded, query-encoded, JSON-escaped.
 * A secret that is itself a database URL stands for its passwords (the URL is shown, masked).
 */
export function secretForms(secret: string): string[] {
  if (SCHEME.test(secret.trim())) return urlPasswords(secret).flatMap(secretForms);
  const forms = new Set<string>();
  const add = (s: string) => {
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(new URLSearchParams({ k: s }).toString().slice(2));
    forms.add(JSON.stringify(s).slice(1, -1));
  };
  add(secret);
  try {
    add(decodeURIComponent(secret.replace(/\+/g, ' ')));
    add(decodeURIComponent(secret));
  } catch {
    /* not percent-encoded */
  }
  return [...forms].filter((s) => s.length >= MIN_FREE_TEXT);
}

/** A URL-looking token in free text: scheme:// up to whitespace, a quote or a bracket. */
const URL_TOKEN = /\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s"'`<>]*/g;

/**
 * THE display function: every URL in `text` masked, `password=` values masked, and every form of each secret in
 * `secrets` (passwords, SecretStorage values) replaced by `****`, longest first.
 */
export function display(text: string, secrets: Iterable<string> = []): string {
  return removeForms(text, formsOf(secrets));
}

function formsOf(secrets: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const s of secrets) for (const f of secretForms(s)) forms.add(f);
  return [...forms].sort((a, b) => b.length - a.length);
}

function removeForms(text: string, forms: string[]): string {
  let out = text.replace(URL_TOKEN, (u) => maskUrl(u)).replace(PARAM, (_w, lead: string, key: string) => `${lead}${key}${MASK}`);
  for (const f of forms) if (out.includes(f)) out = out.split(f).join(MASK);
  return out;
}

// ---- Secrets this process has seen --------------------------------------------------------------------------

const known = new Set<string>();
let knownForms: string[] | undefined;

/** Variable names whose values are secret wherever they come from (process env, `.env`). */
const SECRET_NAME = /PASS|SECRET|TOKEN|CREDENTIAL|API_?KEY|PRIVATE_?KEY/i;

/** Remembers a secret value (a password, a SecretStorage value): `shown` removes it from every text from now on. */
export function rememberSecret(value: string | undefined): void {
  if (value !== undefined && value.length > 0 && !known.has(value)) {
    known.add(value);
    knownForms = undefined;
  }
}

/** Remembers the passwords of a URL (called for every URL the engine parses). */
export function rememberUrl(url: string): void {
  for (const p of urlPasswords(url)) rememberSecret(p);
}

/**
 * Remembers the secrets of an environment: with `all` (values the client keeps in SecretStorage) every value;
 * otherwise values of secret-named variables (`PGPASSWORD`, `DB_PASS`, `API_TOKEN`, …) and passwords in URL values.
 */
export function rememberEnviron(environ: Record<string, string | undefined> | undefined, all = false): void {
  for (const [k, v] of Object.entries(environ ?? {})) {
    if (v === undefined || v === '') continue;
    if (all || SECRET_NAME.test(k)) rememberSecret(v);
    else if (SCHEME.test(v.trim()) || /password=/i.test(v)) rememberUrl(v);
  }
}

/** `display` with every secret remembered so far. */
export function shown(text: string): string {
  knownForms ??= formsOf(known);
  return removeForms(text, knownForms);
}

/** `shown` applied to every string inside a JSON-like value (request results sent to the client). */
export function shownDeep<T>(value: T): T {
  if (typeof value === 'string') return shown(value) as T;
  if (Array.isArray(value)) return value.map((v) => shownDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = shownDeep(v);
    return out as T;
  }
  return value;
}
