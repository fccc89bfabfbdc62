import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { ReferenceKind } from '@mikro-orm/postgresql';
import { heartbeat, registerWorker, startTestServer, type TestServer } from '../../test/harness.js';
import { readOnlyView } from './read-only-view.js';
import { Session } from '../modules/sessions/session.entity.js';
import { Product } from '../modules/products/product.entity.js';

/** Every field the ORM maps, as the test compares them: timestamps by instant, references by id. */
function fieldsOf(orm: TestServer['server']['orm'], entity: typeof Session | typeof Product, o: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const prop of orm.getMetadata().get(entity.name).props) {
    if (prop.kind === ReferenceKind.MANY_TO_ONE) out[prop.name] = o[prop.name]?.id ?? null;
    else if (prop.kind === ReferenceKind.SCALAR) out[prop.name] = o[prop.name] instanceof Date ? o[prop.name].toISOString() : o[prop.name];
  }
  return out;
}

describe('read-only views built from database rows', () => {
  let t: TestServer;
  let db: pg.Client;
  let sessionId: string;
  let productId: string;
  beforeAll(async () => {
    t = await startTestServer();
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    const w = await registerWorker(t, 'view-worker');
    await heartbeat(t, w.credential);
    productId = (
      await t.ok<any>(`mutation { createProduct(input: { name: "view", priceCoins: 0, provisionAction: TEST, durationMinutes: 30 }) { id } }`, {}, t.adminToken)
    ).createProduct.id;
    const user = await t.user('USER');
    sessionId = (await t.ok<any>(`mutation($p: ID!) { purchaseAndCreate(productId: $p, idempotencyKey: "view") { id } }`, { p: productId }, user.token))
      .purchaseAndCreate.id;
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('shows every field as the ORM loads it (timestamps, numbers, json, booleans, references)', async () => {
    const orm = t.server.orm;
    const [sessionRow] = (await db.query(`select * from sessions where id = $1`, [sessionId])).rows;
    const [productRow] = (await db.query(`select * from products where id = $1`, [productId])).rows;
    const loaded = await orm.em.fork().findOneOrFail(Session, sessionId);
    const product = await orm.em.fork().findOneOrFail(Product, productId);
    const view = readOnlyView(orm, Session, sessionRow);
    expect(view).toBeInstanceOf(Session);
    expect(view.createdAt).toBeInstanceOf(Date);
    expect(view.updatedAt).toBeInstanceOf(Date);
    expect(fieldsOf(orm, Session, view)).toEqual(fieldsOf(orm, Session, loaded));
    const productView = readOnlyView(orm, Product, productRow);
    expect(typeof productView.isActive).toBe('boolean');
    expect(fieldsOf(orm, Product, productView)).toEqual(fieldsOf(orm, Product, product));
  });

  it('shows the relation object it is given, and is never tracked by the ORM', async () => {
    const orm = t.server.orm;
    const [row] = (await db.query(`select * from sessions where id = $1`, [sessionId])).rows;
    const product = await orm.em.fork().findOneOrFail(Product, productId);
    const view = readOnlyView(orm, Session, row, { product });
    expect(view.product).toBe(product);
    view.failureReason = 'changed on the view only';
    // Plain data fields: the ORM's change-tracking setters (accessors over its own copy) never ran.
    expect(Object.getOwnPropertyDescriptor(view, 'failureReason')).toMatchObject({ value: 'changed on the view only', writable: true });
    const em = orm.em.fork();
    await em.flush();
    expect((await db.query(`select failure_reason from sessions where id = $1`, [sessionId])).rows[0].failure_reason).toBeNull();
  });
});
