import { Command, CommanderError, Option } from 'commander';
import { redactLocation } from '../store/location.js';
// Each command's module is imported when that command runs: `serve` never loads the analysis stages' libraries.

/** Where the commands' store is when --db is not given: a file path or a postgres:// URL. */
const DEFAULT_DB = process.env.NEWSGRAPH_DB ?? 'newsgraph.db';

/** The --db option; help shows its default without a password NEWSGRAPH_DB may hold. */
function dbOption(): Option {
  return new Option('--db <db>', 'database file or postgres:// URL; NEWSGRAPH_DB sets the default').default(DEFAULT_DB, redactLocation(DEFAULT_DB));
}

/** Exit codes (../CONTRACT.md): 0 ok, 1 internal error, 2 nothing could be processed / usage error. */
export async function main(argv: readonly string[]): Promise<number> {
  // A reader that stops early (`newsgraph analyze … | head`) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  let exitCode = 0;
  const program = new Command()
    .name('newsgraph')
    .description('Self-hosted news intelligence: ingest, understand, connect and serve news.')
    .exitOverride()
    .showHelpAfterError();

  program
    .command('analyze')
    .description('Analyse files, folders, URLs or feeds and print one record per article')
    .argument('<inputs...>', 'files, folders (recursive), URLs or feeds')
    .option('--json', 'JSON Lines on stdout, one record per article (see CONTRACT.md)')
    .option('--db <db>', 'also store the analysed articles in this database (file or postgres:// URL)')
    .action(async (inputs: string[], opts: { json?: boolean; db?: string }) => {
      exitCode = await (await import('./analyze.js')).analyzeCommand(inputs, opts);
    });

  program
    .command('ingest')
    .description('Read, analyse and store articles; re-ingesting the same input changes nothing')
    .argument('<inputs...>', 'files, folders (recursive), URLs or feeds')
    .addOption(dbOption())
    .option('--queue', 'only read and enqueue the inputs in a PostgreSQL store\'s job queue; `newsgraph worker` analyses and stores them')
    .action(async (inputs: string[], opts: { db: string; queue?: boolean }) => {
      exitCode = opts.queue
        ? await (await import('./queue.js')).enqueueCommand(inputs, opts)
        : await (await import('./ingest.js')).ingestCommand(inputs, opts);
    });

  program
    .command('worker')
    .description('Analyse and store the inputs queued in a PostgreSQL store (`ingest --queue`, the server); run as many as you like')
    .addOption(dbOption())
    .option('--concurrency <n>', 'jobs at a time in this process (analysis is CPU-bound: prefer one worker process per core)', '1')
    .option('--drain', 'exit when the queue is empty instead of waiting for more')
    .action(async (opts: { db: string; concurrency: string; drain?: boolean }) => {
      exitCode = await (await import('./queue.js')).workerCommand(opts);
    });

  program
    .command('jobs')
    .description('Show the job queue of a PostgreSQL store: queued, active, failed and completed, and why jobs failed')
    .addOption(dbOption())
    .option('--json', 'one JSON object')
    .action(async (opts: { db: string; json?: boolean }) => {
      exitCode = await (await import('./queue.js')).jobsCommand(opts);
    });

  program
    .command('search')
    .description('Full-text search over stored articles, ranked, with highlighted snippets')
    .argument('<query>', 'words or "quoted phrases"')
    .addOption(dbOption())
    .option('--limit <n>', 'number of results', '10')
    .option('--json', 'JSON Lines output')
    .action(async (query: string, opts: { db: string; limit: string; json?: boolean }) => {
      exitCode = await (await import('./search.js')).searchCommand(query, opts);
    });

  program
    .command('stories')
    .description('List the storylines of the stored articles, newest activity first')
    .addOption(dbOption())
    .option('--json', 'JSON Lines, one storyline per line (see CONTRACT.md)')
    .action(async (opts: { db: string; json?: boolean }) => {
      exitCode = await (await import('./stories.js')).storiesCommand(opts);
    });

  program
    .command('story')
    .description('Show one storyline: summary, events, timeline, conflicting figures, outlets, claims')
    .argument('<id>', 'storyline id (from `newsgraph stories`)')
    .addOption(dbOption())
    .option('--json', 'the storyline as one JSON object')
    .action(async (id: string, opts: { db: string; json?: boolean }) => {
      exitCode = await (await import('./stories.js')).storyCommand(id, opts);
    });

  program
    .command('serve')
    .description('Serve the web UI and the HTTP API over a database')
    .addOption(dbOption())
    .option('--port <n>', 'port', '8080')
    .option('--host <host>', 'host to bind', '127.0.0.1')
    .action(async (opts: { db: string; port: string; host: string }) => {
      exitCode = await (await import('./serve.js')).serveCommand(opts);
    });

  program
    .command('reprocess')
    .description('Re-run the current pipeline over every stored raw input')
    .addOption(dbOption())
    .action(async (opts: { db: string }) => {
      exitCode = await (await import('./ingest.js')).reprocessCommand(opts);
    });

  program
    .command('migrate-store')
    .description('Copy a store (articles, duplicates, stories, corrections, indexes) into a new, empty one, e.g. SQLite into PostgreSQL')
    .requiredOption('--from <db>', 'the store to copy: a database file or a postgres:// URL')
    .requiredOption('--to <db>', 'the empty store to fill: a postgres:// URL or a database file')
    .action(async (opts: { from: string; to: string }) => {
      exitCode = await (await import('./migrate-store.js')).migrateStoreCommand(opts);
    });

  program
    .command('parse')
    .description('Tag, lemmatise and parse: CoNLL-U on stdout (ID FORM LEMMA UPOS XPOS _ HEAD DEPREL _ _)')
    .argument('[file]', 'a CoNLL-U file with --conllu (only ID and FORM are read), else raw text; - or none for stdin')
    .option('--conllu', 'read sentences as tokenized in a CoNLL-U file')
    .action(async (file: string | undefined, opts: { conllu?: boolean }) => {
      exitCode = await (await import('./parse.js')).parseCommand(file, opts);
    });

  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors with 1 from commander.
      return err.exitCode === 0 ? 0 : 2;
    }
    throw err;
  }
  return exitCode;
}
