import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { printCurrentSchema, SCHEMA_FILE } from '../emit-schema.js';
import { createAppSchema } from '../app-modules.js';
import { createAppPubSub } from './pubsub.js';
import { ErrorCode } from '../shared/error-codes.js';

/** Every type, field, argument and enum value without a description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
  }
  return missing;
}

describe('schema artifact', () => {
  it('matches the committed schema/schema.graphql (run `npm run schema:emit` after changing the API)', async () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printCurrentSchema());
  });

  it('describes every type, field, argument and enum value', async () => {
    expect(undescribed(await createAppSchema([], createAppPubSub()))).toEqual([]);
  });

  it('keeps the names of the API contract', async () => {
    const schema = await createAppSchema([], createAppPubSub());
    const q = Object.keys(schema.getQueryType()!.getFields());
    const m = Object.keys(schema.getMutationType()!.getFields());
    const s = Object.keys(schema.getSubscriptionType()!.getFields());
    expect(q).toEqual(
      expect.arrayContaining(['me', 'users', 'coinLedger', 'products', 'workers', 'clusterSummary', 'placementExplain', 'mySessions', 'session', 'sessions']),
    );
    expect(m).toEqual(
      expect.arrayContaining([
        'login',
        'createUser',
        'adjustCoins',
        'createProduct',
        'updateProduct',
        'setProductWorkers',
        'preRegisterWorker',
        'updateWorker',
        'drainWorker',
        'disableWorker',
        'enableWorker',
        'registerWorker',
        'workerHeartbeat',
      ]),
    );
    expect(s).toEqual(expect.arrayContaining(['workerHeartbeats', 'workerUpdated', 'sessionUpdated', 'clusterSummaryUpdated']));
  });

  it('has one error catalogue with every code documented in the README', () => {
    const readme = fs.readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const code of Object.values(ErrorCode)) expect(readme, `README lacks ${code}`).toContain(`\`${code}\``);
  });
});
