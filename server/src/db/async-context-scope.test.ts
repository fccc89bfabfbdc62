import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsyncLocalStorage, executionAsyncResource } from 'node:async_hooks';
import { TransactionContext, type EntityManager } from '@mikro-orm/postgresql';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { AuditLog } from '../modules/audit/audit-log.entity.js';

/**
 * Whether promise hooks are on in this process: with them, a promise's continuation runs with
 * that promise as its async resource; without them, with the resource that started the chain.
 */
async function promiseHooksOn(): Promise<boolean> {
  await null;
  return executionAsyncResource() instanceof Promise;
}

/** The transaction MikroORM finds from its async context (what the global EntityManager routes to). */
function contextTransaction(): EntityManager | undefined {
  return TransactionContext.getEntityManager('default') as EntityManager | undefined;
}

describe('async contexts held only while MikroORM work is in flight', () => {
  let t: TestServer;
  beforeAll(async () => {
    // No background loop may run a transaction while a test looks at the hooks.
    t = await startTestServer({ VDI_LOOP_INTERVAL_SEC: '3600' });
    for (let i = 0; i < 100 && (await promiseHooksOn()); i++) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the transaction context through every await of a transaction, then switches the promise hooks off', async () => {
    const em = t.server.orm.em.fork();
    const seen: boolean[] = [];
    await em.transactional(async (tx) => {
      for (let i = 0; i < 3; i++) {
        await tx.execute('select pg_sleep(0.005)');
        seen.push(contextTransaction() === tx);
      }
      expect(await promiseHooksOn()).toBe(true);
    });
    expect(seen).toEqual([true, true, true]);
    expect(contextTransaction()).toBeUndefined();
    expect(await promiseHooksOn()).toBe(false);
  });

  it('gives overlapping transactions their own contexts and keeps the hooks on until the last one ends', async () => {
    let releaseSecond!: () => void;
    const secondMayEnd = new Promise<void>((r) => (releaseSecond = r));
    const seen: string[] = [];
    const run = (name: string, wait: () => Promise<void>) =>
      t.server.orm.em.fork().transactional(async (tx) => {
        await tx.execute('select 1');
        await wait();
        await tx.execute('select 1');
        if (contextTransaction() !== tx) seen.push(`${name} lost its transaction`);
      });
    const second = run('second', () => secondMayEnd);
    await run('first', () => new Promise((r) => setTimeout(r, 10)));
    expect(await promiseHooksOn()).toBe(true); // the second is still running
    releaseSecond();
    await second;
    expect(seen).toEqual([]);
    expect(await promiseHooksOn()).toBe(false);
  });

  it('flushes, rolls back and counts as before, leaving no hook on afterwards', async () => {
    const em = t.server.orm.em.fork();
    await expect(
      em.transactional(async (tx) => {
        tx.persist(tx.create(AuditLog, { action: 'scope.rolled-back', actorLabel: 'test', targetType: 'scope', data: {} }));
        await tx.flush();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const kept = em.create(AuditLog, { action: 'scope.kept', actorLabel: 'test', targetType: 'scope', data: {} });
    await em.persistAndFlush(kept);
    const [rows, count] = await t.server.orm.em.fork().findAndCount(AuditLog, { targetType: 'scope' });
    expect(rows.map((r) => r.action)).toEqual(['scope.kept']);
    expect(count).toBe(1);
    expect(await promiseHooksOn()).toBe(false);
  });

  it('leaves a storage enabled for good once a run of it returns without a promise, as Node does', async () => {
    const storage = new AsyncLocalStorage<string>();
    const later = await new Promise<string | undefined>((resolve) => storage.run('kept', () => void setTimeout(() => resolve(storage.getStore()), 5)));
    expect(later).toBe('kept');
    await storage.run('async', async () => undefined);
    expect(await promiseHooksOn()).toBe(true);
    storage.disable();
    expect(await promiseHooksOn()).toBe(false);
  });
});
