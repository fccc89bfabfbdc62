import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { collect, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';
import { Session } from './session.entity.js';
import { SessionState } from './session-state.js';
import { Product } from '../products/product.entity.js';
import { User } from '../users/user.entity.js';
import { Worker } from '../workers/worker.entity.js';

const SESSION = `query($id: ID!) { session(id: $id) { id state workerRoute product { name } connection { protocol host port username password } } }`;

describe('sessions: visibility, secrets at rest and live updates', () => {
  let t: TestServer;
  let owner: { id: string; token: string };
  let other: { id: string; token: string };
  let operator: { id: string; token: string };
  let sessionId: string;
  let nextSlot = 0;

  /** Creates a session the way provisioning will, through the service. */
  async function makeSession(ownerId: string, state = SessionState.PENDING): Promise<string> {
    const em = t.server.orm.em.fork();
    const product = await em.findOneOrFail(Product, { name: 'Test box' });
    const worker = await em.findOneOrFail(Worker, { code: 'sess-w' });
    const s = em.create(Session, { owner: em.getReference(User, ownerId), product, worker, state, workerRoute: 'quack_a1b2c', slotNo: nextSlot++ });
    await em.flush();
    return s.id;
  }

  beforeAll(async () => {
    t = await startTestServer();
    owner = await t.user('USER');
    other = await t.user('USER');
    operator = await t.user('OPERATOR');
    await registerWorker(t, 'sess-w');
    await t.ok(`mutation { createProduct(input: { name: "Test box", priceCoins: 1, provisionAction: TEST }) { id } }`, {}, t.adminToken);
    sessionId = await makeSession(owner.id);
    const em = t.server.orm.em.fork();
    const s = await em.findOneOrFail(Session, { id: sessionId });
    t.server.services.sessions.setConnection(s, { protocol: 'rdp', host: '198.51.100.7', port: 3389, username: 'Administrator', password: 'P@ss-w0rd-123' });
    await em.flush();
  });
  afterAll(() => t.close());

  it('shows the owner their session with credentials, and seals the password at rest', async () => {
    const r = await t.ok<any>(SESSION, { id: sessionId }, owner.token);
    expect(r.session).toMatchObject({
      state: 'PENDING',
      workerRoute: 'quack_a1b2c',
      product: { name: 'Test box' },
      connection: { protocol: 'rdp', port: 3389, username: 'Administrator', password: 'P@ss-w0rd-123' },
    });
    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    const raw = await db.query(`select connection_password_enc from sessions where id = $1`, [sessionId]);
    await db.end();
    expect(raw.rows[0].connection_password_enc).toMatch(/^v1\./);
    expect(raw.rows[0].connection_password_enc).not.toContain('P@ss');
  });

  it('answers another user with NOT_FOUND (ids do not leak) and leaves them out of mySessions', async () => {
    expect((await t.gql(SESSION, { id: sessionId }, other.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.ok<any>(`query { mySessions { id } }`, {}, other.token)).mySessions).toEqual([]);
    expect((await t.ok<any>(`query { mySessions { id } }`, {}, owner.token)).mySessions.map((s: any) => s.id)).toEqual([sessionId]);
  });

  it('lets an operator see the session but not its credentials; an admin sees both', async () => {
    expect((await t.ok<any>(SESSION, { id: sessionId }, operator.token)).session.connection).toBeNull();
    expect((await t.ok<any>(SESSION, { id: sessionId }, t.adminToken)).session.connection.password).toBe('P@ss-w0rd-123');
  });

  it('lists sessions for staff with filters and pages', async () => {
    for (let i = 0; i < 3; i++) await makeSession(other.id, SessionState.READY);
    const r = await t.ok<any>(
      `query { sessions(state: READY, first: 2) { totalCount edges { node { state } } pageInfo { hasNextPage } } }`,
      {},
      operator.token,
    );
    expect(r.sessions.totalCount).toBe(3);
    expect(r.sessions.edges).toHaveLength(2);
    expect(r.sessions.pageInfo.hasNextPage).toBe(true);
  });

  it('counts slot-holding sessions in activeSessions', async () => {
    const w = (await t.ok<any>(`query { workers { code activeSessions slotsAvailable } }`, {}, t.adminToken)).workers.find((x: any) => x.code === 'sess-w');
    expect(w).toEqual({ code: 'sess-w', activeSessions: 4, slotsAvailable: 0 });
  });

  it('pushes sessionUpdated to the owner and to staff, never to another user', async () => {
    const q = `subscription($id: ID) { sessionUpdated(id: $id) { id state } }`;
    const mine = collect<any>(t.ws(owner.token), q, { id: sessionId });
    const staff = collect<any>(t.ws(operator.token), q, {});
    const theirs = collect<any>(t.ws(other.token), q, {});
    await new Promise((r) => setTimeout(r, 300));
    const em = t.server.orm.em.fork();
    const s = await em.findOneOrFail(Session, { id: sessionId }, { populate: ['owner'] });
    await t.server.services.sessions.transition(em, s, SessionState.PROVISIONING);
    t.server.services.sessions.published(s);
    expect((await mine.done)[0].sessionUpdated).toEqual({ id: sessionId, state: 'PROVISIONING' });
    expect((await staff.done)[0].sessionUpdated.id).toBe(sessionId);
    const leaked = await Promise.race([theirs.done.then(() => 'leaked'), new Promise((r) => setTimeout(() => r('quiet'), 500))]);
    expect(leaked).toBe('quiet');
  });

  it('refuses an illegal transition with ILLEGAL_STATE_TRANSITION and stores nothing', async () => {
    const em = t.server.orm.em.fork();
    const s = await em.findOneOrFail(Session, { id: sessionId });
    await expect(
      t.server.services.sessions.transition(em, s, SessionState.WARM === s.state ? SessionState.PENDING : SessionState.DELETED),
    ).rejects.toMatchObject({ code: 'ILLEGAL_STATE_TRANSITION' });
    const fresh = await t.server.orm.em.fork().findOneOrFail(Session, { id: sessionId });
    expect(fresh.state).toBe(SessionState.PROVISIONING);
  });
});
