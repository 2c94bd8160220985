// atlas-wb: the command line face of the engine (`atlas-wb migrate hash --dir file://migrations`, `atlas-wb lsp --stdio`).
import { allCommands as commands } from './allCommands';
import { groupUsage, helpFor, rootUsage, summaries } from './help';
import { processIO, shownIO, UserError, type CliIO } from './io';

export async function runCli(argv: string[], sink: CliIO): Promise<number> {
  const io = shownIO(sink);
  const help = helpFor(argv);
  if (help?.kind === 'root') {
    io.out(rootUsage());
    return 0;
  }
  if (help?.kind === 'group') {
    io.out(groupUsage(help.group));
    return 0;
  }
  if (help?.kind === 'unknown') {
    io.err(`Error: unknown command "${help.words.join(' ')}"\n`);
    io.err(help.group ? groupUsage(help.group) : rootUsage());
    return 1;
  }
  if (help?.kind === 'command') {
    const mod = await commands[help.key]();
    io.out(`${summaries[help.key] ?? ''}\n\nUsage:\n  ${mod.usage}\n`);
    return 0;
  }
  const two = `${argv[0]} ${argv[1] ?? ''}`.trim();
  const key = commands[two] ? two : argv[0];
  const mod = await commands[key]();
  try {
    return await mod.run(argv.slice(key.split(' ').length), io);
  } catch (e) {
    if (e instanceof UserError) {
      io.err(`Error: ${e.message}\n`);
      return 1;
    }
    io.err(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

// Run from sources (`tsx server/src/cli/main.ts`); the bundle's entry is ./bin.ts (no `module` in ESM).
if (typeof module !== 'undefined' && require.main === module) {
  runCli(process.argv.slice(2), processIO()).then((code) => {
    if (process.argv[2] !== 'lsp') process.exit(code);
  });
}
