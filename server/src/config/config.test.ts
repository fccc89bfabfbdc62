import { describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig } from './config.js';

describe('server config', () => {
  it('has the seed defaults', () => {
    const c = loadServerConfig({});
    expect(c.port).toBe(4000);
    expect(c.heartbeatTtlSec).toBe(120);
    expect(c.capacityDefaults).toEqual({ reservedCpus: 1, reservedMemoryMb: 1024, vmCpus: 1.5, vmMemoryMb: 2048 });
    expect(c.adminUsername).toBe('admin');
    expect(c.graphql.introspection).toBe(true);
  });
  it('turns introspection off in production unless asked', () => {
    expect(loadServerConfig({ NODE_ENV: 'production' }).graphql.introspection).toBe(false);
    expect(loadServerConfig({ NODE_ENV: 'production', VDI_GRAPHQL_INTROSPECTION: 'true' }).graphql.introspection).toBe(true);
  });
  it('names every bad key', () => {
    expect(() => loadServerConfig({ PORT: 'abc', WORKER_HEARTBEAT_TTL_SEC: '-1' })).toThrow(ConfigError);
    expect(() => loadServerConfig({ PORT: 'abc', WORKER_HEARTBEAT_TTL_SEC: '-1' })).toThrow(/PORT[\s\S]*WORKER_HEARTBEAT_TTL_SEC/);
  });
  it('treats empty values as unset', () => {
    expect(loadServerConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });
});
