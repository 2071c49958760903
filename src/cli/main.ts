#!/usr/bin/env node
/**
 * `qingting <command>`: JSON Lines in on stdin, JSON Lines out on stdout (DESIGN §6).
 * Each command lives in its own module under ./commands and is loaded only when called.
 */
type CommandModule = { run(args: string[]): Promise<number> };

const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  analyze: {
    summary:
      '{id, text} → {id, lang, emotion, intensity, intent, category, nature, flags, entities} [--model DIR]',
    load: () => import('./commands/analyze.js'),
  },
  train: {
    summary:
      'emotion --data FILE --out DIR: learn the offline emotion model from {text, label} lines',
    load: () => import('./commands/train.js'),
  },
  faq: {
    summary: '{id, query} → {id, results: [{id, score}]} from the knowledge base [--kb FILE]',
    load: () => import('./commands/faq.js'),
  },
  analytics: {
    summary:
      'rebuild --from YYYY-MM-DD --to YYYY-MM-DD: recount the dashboard rollups of those days (DATABASE_URL or DATA_DIR)',
    load: () => import('./commands/analytics.js'),
  },
  summarize: {
    summary: '{id, dialogue: [{role, text}]} → {id, summary}: the handoff summary schema',
    load: () => import('./commands/summarize.js'),
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}`);
  return ['usage: qingting <command> [options]', '', 'commands:', ...lines].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined) {
    process.stderr.write(`${usage()}\n`);
    return name === undefined || name === '--help' ? 0 : 2;
  }
  const module = await command.load();
  return module.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`qingting: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
