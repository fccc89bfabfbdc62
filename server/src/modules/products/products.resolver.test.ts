import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';

const CREATE = `mutation($i: ProductInput!) { createProduct(input: $i) { id name priceCoins provisionAction isActive cpus memoryMb shmMb durationMinutes browserUrl available network { restrictInternet allowedDomains allowedCidrs allowedIps originIp strict } } }`;

describe('products', () => {
  let t: TestServer;
  let user: { token: string };
  beforeAll(async () => {
    t = await startTestServer();
    user = await t.user('USER');
  });
  afterAll(() => t.close());

  it('creates VPS products (LINUX / WINDOWS / TEST) with seed defaults for limits', async () => {
    const r = await t.ok<any>(CREATE, { i: { name: 'Linux VPS', priceCoins: 10, provisionAction: 'LINUX' } }, t.adminToken);
    expect(r.createProduct).toMatchObject({
      name: 'Linux VPS',
      priceCoins: 10,
      provisionAction: 'LINUX',
      isActive: true,
      cpus: 1.5,
      memoryMb: 2048,
      shmMb: 512,
      durationMinutes: 0,
      available: 0,
    });
    for (const a of ['WINDOWS', 'TEST']) await t.ok(CREATE, { i: { name: `${a} box`, priceCoins: 5, provisionAction: a } }, t.adminToken);
  });

  it('stores an exam network policy', async () => {
    const r = await t.ok<any>(
      CREATE,
      {
        i: {
          name: 'SOT exam',
          priceCoins: 0,
          provisionAction: 'LINUX',
          image: 'sot-exam-linux:latest',
          browserUrl: 'https://sot.umtoj.edu.vn',
          network: {
            restrictInternet: true,
            allowedDomains: ['sot.umtoj.edu.vn'],
            allowedCidrs: ['103.90.220.0/22'],
            originIp: '203.210.213.198',
            strict: true,
          },
        },
      },
      t.adminToken,
    );
    expect(r.createProduct.network).toEqual({
      restrictInternet: true,
      allowedDomains: ['sot.umtoj.edu.vn'],
      allowedCidrs: ['103.90.220.0/22'],
      allowedIps: [],
      originIp: '203.210.213.198',
      strict: true,
    });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ priceCoins: -1 }, 'priceCoins'],
    [{ cpus: 0 }, 'cpus'],
    [{ memoryMb: 10 }, 'memoryMb'],
    [{ durationMinutes: -5 }, 'durationMinutes'],
    [{ browserUrl: 'javascript:alert(1)' }, 'browserUrl'],
    [{ image: 'bad image name' }, 'image'],
    [{ network: { restrictInternet: true, allowedCidrs: ['1.2.3.4/99'] } }, 'network.allowedCidrs'],
  ])('refuses %o with BAD_USER_INPUT naming the field', async (patch, field) => {
    const r = await t.gql(CREATE, { i: { name: 'Broken', priceCoins: 1, provisionAction: 'TEST', ...patch } }, t.adminToken);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses a duplicate name with CONFLICT', async () => {
    const r = await t.gql(CREATE, { i: { name: 'Linux VPS', priceCoins: 1, provisionAction: 'LINUX' } }, t.adminToken);
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('updates every field and hides inactive products from users', async () => {
    const p = await t.ok<any>(CREATE, { i: { name: 'Old', priceCoins: 3, provisionAction: 'TEST' } }, t.adminToken);
    const u = await t.ok<any>(
      `mutation($id: ID!, $i: ProductInput!) { updateProduct(id: $id, input: $i) { name priceCoins isActive } }`,
      { id: p.createProduct.id, i: { name: 'Retired', priceCoins: 4, provisionAction: 'TEST', isActive: false } },
      t.adminToken,
    );
    expect(u.updateProduct).toEqual({ name: 'Retired', priceCoins: 4, isActive: false });
    const seen = (await t.ok<any>(`query { products { name } }`, {}, user.token)).products.map((x: any) => x.name);
    expect(seen).not.toContain('Retired');
    expect((await t.gql(`query { products(includeInactive: true) { name } }`, {}, user.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const all = (await t.ok<any>(`query { products(includeInactive: true) { name } }`, {}, t.adminToken)).products.map((x: any) => x.name);
    expect(all).toContain('Retired');
  });

  it('hides the eligible-worker list from users', async () => {
    const r = await t.ok<any>(`query { products { eligibleWorkers { id } } }`, {}, user.token);
    expect(r.products.every((p: any) => p.eligibleWorkers === null)).toBe(true);
  });
});
