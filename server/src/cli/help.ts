// Usage texts and the help forms Atlas's command tree (cobra) answers: `atlas-wb`, `atlas-wb --help|-h|help`,
// `atlas-wb help <group> [<command>]`, `atlas-wb <group>`, `atlas-wb <group> --help|-h|help` and
// `atlas-wb <group> <command> --help|-h`. Help goes to stdout with exit 0; an unknown command is an error (exit 1).
import { allCommands as commands } from './allCommands';

/** One line per command, shown in the root and group listings. */
export const summaries: Record<string, string> = {
  lsp: 'Run the language server (used by the editor)',
  version: 'Print the atlas-wb version',
  'devdb serve': 'Serve an embedded PostgreSQL (PGlite) dev database',
  'migrate apply': 'Apply pending migration files to the database',
  'migrate checkpoint': 'Write the whole schema so far as a checkpoint file',
  'migrate diff': 'Write a new migration file from the difference between the folder and the desired schema',
  'migrate down': 'Revert applied migration files',
  'migrate edit': 'Edit a migration file in $EDITOR and re-hash atlas.sum',
  'migrate hash': 'Recompute atlas.sum',
  'migrate import': 'Convert a golang-migrate, goose, Flyway, Liquibase or dbmate folder to Atlas format',
  'migrate lint': 'Analyse new migration files for risky changes',
  'migrate new': 'Create an empty migration file',
  'migrate rebase': 'Move migration files after the latest one and re-hash atlas.sum',
  'migrate set': 'Mark versions as applied without running them',
  'migrate status': 'Show which migration files are applied and pending',
  'migrate validate': 'Check atlas.sum and replay the folder on a dev database',
  'schema diff': 'Plan the changes from one schema to another',
  'schema inspect': 'Inspect a database or schema source',
  'schema apply': 'Apply a desired schema to a database (declarative)',
  'schema clean': 'Drop every object of a database or schema',
  'schema fmt': 'Format Atlas HCL files',
};

const groupSummaries: Record<string, string> = {
  migrate: 'Manage versioned migration files',
  schema: 'Work with database schemas',
  devdb: 'Embedded dev database',
};

const isHelpFlag = (a: string) => a === '--help' || a === '-h';
const pad = (names: string[]) => Math.max(...names.map((n) => n.length)) + 2;

/** Commands directly under a group ("migrate" → ["apply", …]); empty for a leaf or an unknown word. */
export function groupVerbs(group: string): string[] {
  return Object.keys(commands)
    .filter((k) => k.startsWith(`${group} `))
    .map((k) => k.slice(group.length + 1))
    .sort();
}

export function rootUsage(): string {
  const tops = [...new Set(Object.keys(commands).map((k) => k.split(' ')[0]))].sort();
  const w = pad(tops);
  const lines = tops.map((t) => `  ${t.padEnd(w)}${groupSummaries[t] ?? summaries[t] ?? ''}`);
  return (
    'atlas-wb: Atlas-compatible schema migrations for PostgreSQL (Atlas Workbench engine)\n\n' +
    'Usage:\n  atlas-wb <command> [flags]\n\nCommands:\n' +
    lines.join('\n') +
    '\n\n' +
    'Use "atlas-wb <command> --help" for more information about a command.\n'
  );
}

export function groupUsage(group: string): string {
  const verbs = groupVerbs(group);
  const w = pad(verbs);
  return (
    `${groupSummaries[group] ?? group}\n\nUsage:\n  atlas-wb ${group} <command> [flags]\n\nCommands:\n` +
    verbs.map((v) => `  ${v.padEnd(w)}${summaries[`${group} ${v}`] ?? ''}`).join('\n') +
    '\n\n' +
    `Use "atlas-wb ${group} <command> --help" for more information about a command.\n`
  );
}

export type HelpAnswer =
  { kind: 'root' } | { kind: 'group'; group: string } | { kind: 'command'; key: string } | { kind: 'unknown'; words: string[]; group?: string };

/**
 * What a command line asks for when it asks for help (or names no runnable command); undefined when it names a
 * command to run. Flags after `--` are arguments, not help requests.
 */
export function helpFor(argv: string[]): HelpAnswer | undefined {
  const end = argv.indexOf('--');
  const own = end < 0 ? argv : argv.slice(0, end);
  const [first, second] = own;
  if (first === undefined || isHelpFlag(first)) return { kind: 'root' };
  if (first === 'help') return topic(own.slice(1).filter((a) => !a.startsWith('-')));
  const groupWords = groupVerbs(first);
  if (groupWords.length > 0) {
    if (second === undefined || isHelpFlag(second) || second === 'help') return { kind: 'group', group: first };
    if (!commands[`${first} ${second}`]) return { kind: 'unknown', words: [first, second], group: first };
    return own.slice(2).some(isHelpFlag) ? { kind: 'command', key: `${first} ${second}` } : undefined;
  }
  if (!commands[first]) return { kind: 'unknown', words: [first] };
  return own.slice(1).some(isHelpFlag) ? { kind: 'command', key: first } : undefined;
}

function topic(words: string[]): HelpAnswer {
  if (words.length === 0) return { kind: 'root' };
  if (groupVerbs(words[0]).length > 0) {
    if (words.length === 1) return { kind: 'group', group: words[0] };
    return commands[`${words[0]} ${words[1]}`]
      ? { kind: 'command', key: `${words[0]} ${words[1]}` }
      : { kind: 'unknown', words: words.slice(0, 2), group: words[0] };
  }
  return commands[words[0]] ? { kind: 'command', key: words[0] } : { kind: 'unknown', words: words.slice(0, 1) };
}
