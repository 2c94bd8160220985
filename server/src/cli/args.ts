// Small flag parser with Atlas's conventions: `--flag value`, `--flag=value`, repeatable flags, booleans.
import { UserError } from './io';

export interface FlagSpec {
  /** names without dashes; first is canonical */
  [name: string]: { type: 'string' | 'boolean' | 'strings' | 'array'; short?: string };
  // 'strings': repeatable and comma-separated (cobra StringSlice); 'array': repeatable, taken verbatim (--var k=a,b)
}

export interface Parsed {
  flags: Record<string, string | boolean | string[] | undefined>;
  positional: string[];
}

export function parseArgs(args: string[], spec: FlagSpec): Parsed {
  const flags: Parsed['flags'] = {};
  const positional: string[] = [];
  const byShort = new Map(
    Object.entries(spec)
      .filter(([, s]) => s.short)
      .map(([n, s]) => [s.short!, n]),
  );
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    let name: string | undefined;
    let value: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      value = eq >= 0 ? a.slice(eq + 1) : undefined;
    } else if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      name = byShort.get(a.slice(1));
      if (!name) throw new UserError(`unknown shorthand flag: '${a.slice(1)}' in ${a}`);
    } else {
      positional.push(a);
      continue;
    }
    const s = spec[name];
    if (!s) throw new UserError(`unknown flag: --${name}`);
    if (s.type === 'boolean') {
      flags[name] = value === undefined ? true : value !== 'false';
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= args.length) throw new UserError(`flag needs an argument: --${name}`);
      value = args[++i];
    }
    if (s.type === 'array') flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    else if (s.type === 'strings') flags[name] = [...((flags[name] as string[] | undefined) ?? []), ...value.split(',').filter(Boolean)];
    else flags[name] = value;
  }
  return { flags, positional };
}

export const str = (p: Parsed, n: string): string | undefined => p.flags[n] as string | undefined;
export const bool = (p: Parsed, n: string): boolean => p.flags[n] === true;
/** The dev URL: --dev-url, else the env's `dev`, else the editor's default (setting atlasWorkbench.devDatabase; the CLI has none). */
export const devUrlOf = (p: Parsed, env: { devUrl?: string } | undefined, io: { defaultDevUrl?: string }): string | undefined =>
  str(p, 'dev-url') ?? env?.devUrl ?? (io.defaultDevUrl || undefined);
export const strs = (p: Parsed, n: string): string[] => (p.flags[n] as string[] | undefined) ?? [];
