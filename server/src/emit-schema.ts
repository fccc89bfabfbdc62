import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createAppSchema } from './app-modules.js';
import { createAppPubSub } from './graphql/pubsub.js';

/** Where the committed schema lives. */
export const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema/schema.graphql');

/** The schema as SDL, sorted so the file only changes when the schema does. */
export async function printCurrentSchema(): Promise<string> {
  const schema = await createAppSchema([], createAppPubSub());
  return `# Emitted by \`npm run schema:emit\` from the server's type-graphql classes. Do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

async function main(): Promise<void> {
  const sdl = await printCurrentSchema();
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    if (committed !== sdl) {
      process.stderr.write(`schema/schema.graphql is out of date: run \`npm run schema:emit\` and commit it\n`);
      process.exit(1);
    }
    process.stdout.write('schema/schema.graphql is up to date\n');
    return;
  }
  fs.writeFileSync(SCHEMA_FILE, sdl);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
