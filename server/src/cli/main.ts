// atlas-wb: the command line face of the engine (`atlas-wb migrate hash --dir file://migrations`, `atlas-wb lsp --stdio`).
import { commands } from './commands';
import { processIO, shownIO, UserError, type CliIO } from './io';

function help(io: CliIO): void {
  io.out('atlas-wb: Atlas-compatible schema migrations for PostgreSQL (Atlas Workbench engine)\n\nCommands:\n');
  for (const name of Object.keys(commands).sort()) io.out(`  atlas-wb ${name}\n`);
}

export async function runCli(argv: string[], sink: CliIO): Promise<number> {
  const io = shownIO(sink);
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') { help(io); return 0; }
  const two = `${argv[0]} ${argv[1] ?? ''}`.trim();
  const key = commands[two] ? two : commands[argv[0]] ? argv[0] : undefined;
  if (!key) { io.err(`Error: unknown command "${argv.slice(0, 2).join(' ')}"\n`); help(io); return 1; }
  const rest = argv.slice(key.split(' ').length);
  const mod = await commands[key]();
  if (rest.includes('--help') || rest.includes('-h')) { io.out(`Usage: ${mod.usage}\n`); return 0; }
  try {
    return await mod.run(rest, io);
  } catch (e) {
    if (e instanceof UserError) { io.err(`Error: ${e.message}\n`); return 1; }
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
