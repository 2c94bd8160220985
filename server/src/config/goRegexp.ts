// Go (RE2) regular expressions as atlas.hcl writes them (`lint { naming { match = "…" } }`), compiled to JavaScript.
// RE2 is close to JavaScript's syntax; the differences that matter for name patterns are translated: leading
// inline flags `(?i)` / `(?s)` / `(?m)`, `(?P<name>…)` groups, `\A` and `\z`. Like Go's MatchString, a match
// anywhere in the name counts (anchor with ^…$).

export type GoRegexp = { ok: true; re: RegExp } | { ok: false; error: string };

export function compileGoRegexp(pattern: string): GoRegexp {
  let src = pattern;
  let flags = 'u';
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1].includes('U')) return { ok: false, error: 'the (?U) flag (ungreedy) has no JavaScript equivalent' };
    for (const f of new Set(lead[1])) flags += f;
    src = src.slice(lead[0].length);
  }
  src = src
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$(?![\\s\\S])');
  try {
    return { ok: true, re: new RegExp(src, flags) };
  } catch (e) {
    return { ok: false, error: (e instanceof Error ? e.message : String(e)).replace(/^Invalid regular expression: /, '') };
  }
}
