import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkerConfig, WorkerConfigError } from './config.js';

/** An exam centre's `.env.worker`, as operators have it. */
const SEED_ENV = `WORKER_CODE=worker-217-216-33-134
WORKER_NAME=Worker 217.216.33.134
WORKER_API_BASE_URL=http://217.216.33.134:3000
WORKER_PUBLIC_PORT=3000
WORKER_CLUSTER_TOKEN=cluster-token-shared-with-main-0001
CONTROL_PLANE_API_BASE=https://103.151.241.102/api
HEARTBEAT_INTERVAL_SEC=20
JWT_SECRET=shared-jwt
GUAC_TOKEN_KEY=shared-guac-key-000000
DB_HOST=103.151.241.102
DB_PORT=5432
DB_USER=vdi
DB_PASSWORD=secret
DB_NAME=vdi_portal_db
TYPEORM_SYNCHRONIZE=false
EXAM_VM_USERNAME=student
EXAM_VM_PASSWORD=123456
EXAM_BROWSER_URL=https://sot.umtoj.edu.vn
EXAM_IMAGE_NAME=sot-exam-linux:latest
EXAM_VM_MEMORY_MB=2048
EXAM_VM_CPUS=1.5
EXAM_VM_SHM_MB=512
EXAM_RESTRICT_INTERNET=true
EXAM_ALLOWED_DOMAINS=sot.umtoj.edu.vn
EXAM_FIREWALL_ENFORCE_STRICT=true
VDI_ALLOCATE_TIMEOUT_SEC=90
VDI_PREWARM_CONCURRENCY=4
VDI_PREWARM_MAX=80
WORKER_RESERVED_CPUS=1
WORKER_RESERVED_MEMORY_MB=1024
WORKER_HEARTBEAT_TTL_SEC=120
WORKER_STICKY_EXAM_TTL_SEC=21600
CLUSTER_API_TIMEOUT_MS=15000
WORKER_ALLOCATE_RETRY_COUNT=3
WORKER_DISPATCH_CLEANUP_ENABLED=true
WORKER_DISPATCH_STALE_SEC=21600
WORKER_DISPATCH_SCAN_COUNT=200
`;

function seedFile(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-env-')), '.env.worker');
  fs.writeFileSync(file, SEED_ENV);
  return file;
}

describe('worker config', () => {
  it("starts from an exam centre's whole .env.worker and lists the control-plane keys it ignores", () => {
    const c = loadWorkerConfig({}, seedFile());
    expect(c.code).toBe('worker-217-216-33-134');
    expect(c.name).toBe('Worker 217.216.33.134');
    expect(c.graphqlUrl).toBe('https://103.151.241.102/api/graphql');
    expect(c.graphqlWsUrl).toBe('wss://103.151.241.102/api/graphql');
    expect(c.heartbeatIntervalMs).toBe(20_000);
    expect(c.capacity).toMatchObject({ reservedCpus: 1, reservedMemoryMb: 1024, vmCpus: 1.5, vmMemoryMb: 2048 });
    expect(c.ignoredKeys).toEqual([
      'DB_HOST',
      'DB_NAME',
      'DB_PASSWORD',
      'DB_PORT',
      'DB_USER',
      'JWT_SECRET',
      'TYPEORM_SYNCHRONIZE',
      'VDI_ALLOCATE_TIMEOUT_SEC',
      'VDI_PREWARM_CONCURRENCY',
      'VDI_PREWARM_MAX',
      'WORKER_ALLOCATE_RETRY_COUNT',
      'WORKER_DISPATCH_CLEANUP_ENABLED',
      'WORKER_DISPATCH_SCAN_COUNT',
      'WORKER_DISPATCH_STALE_SEC',
      'WORKER_HEARTBEAT_TTL_SEC',
      'WORKER_STICKY_EXAM_TTL_SEC',
    ]);
  });

  it('lets the environment override the file', () => {
    expect(loadWorkerConfig({ WORKER_CODE: 'override' }, seedFile()).code).toBe('override');
  });

  it('detects CPUs and memory from the host unless overridden', () => {
    const c = loadWorkerConfig({ WORKER_CLUSTER_TOKEN: 'x'.repeat(20) });
    expect(c.capacity.cpus).toBe(os.cpus().length);
    expect(c.capacity.memoryMb).toBe(Math.floor(os.totalmem() / 1048576));
    expect(loadWorkerConfig({ WORKER_CLUSTER_TOKEN: 'x'.repeat(20), WORKER_CPUS: '8', WORKER_MEMORY_MB: '12288' }).capacity).toMatchObject({
      cpus: 8,
      memoryMb: 12288,
    });
  });

  it('refuses to start without a cluster token, naming it', () => {
    expect(() => loadWorkerConfig({})).toThrow(WorkerConfigError);
    expect(() => loadWorkerConfig({})).toThrow(/WORKER_CLUSTER_TOKEN/);
  });

  it("reports WORKER_PUBLIC_HOST as the connection host, else the host of WORKER_API_BASE_URL, never this machine's name", () => {
    const base = { WORKER_CLUSTER_TOKEN: 'cluster-token-shared-with-main-0001' };
    const fromUrl = loadWorkerConfig({ ...base, WORKER_API_BASE_URL: 'http://217.216.33.134:3000' });
    expect(fromUrl).toMatchObject({ connectionHost: '217.216.33.134', listenHost: '0.0.0.0' });
    const given = loadWorkerConfig({ ...base, WORKER_API_BASE_URL: 'http://10.0.0.5:3000', WORKER_PUBLIC_HOST: 'desktops.example.internal' });
    expect(given).toMatchObject({ connectionHost: 'desktops.example.internal', listenHost: '0.0.0.0' });
    const neither = loadWorkerConfig(base);
    expect(neither.connectionHost).toBeNull();
    expect(neither.connectionHost).not.toBe(os.hostname());
    // A loopback WORKER_PUBLIC_HOST still keeps the gateway on loopback (the server's own local worker).
    expect(loadWorkerConfig({ ...base, WORKER_PUBLIC_HOST: '127.0.0.1' })).toMatchObject({ connectionHost: '127.0.0.1', listenHost: '127.0.0.1' });
    expect(loadWorkerConfig({ ...base, WORKER_PUBLIC_HOST: '0.0.0.0', WORKER_API_BASE_URL: 'http://10.0.0.5:3000' })).toMatchObject({
      connectionHost: '10.0.0.5',
      listenHost: '0.0.0.0',
    });
    expect(loadWorkerConfig({ ...base, WORKER_PUBLIC_HOST: 'rdp.example', WORKER_LISTEN_HOST: '10.0.0.5' }).listenHost).toBe('10.0.0.5');
    expect(() => loadWorkerConfig({ ...base, WORKER_PUBLIC_HOST: 'bad host; x' })).toThrow(/WORKER_PUBLIC_HOST/);
  });
  it('reads the RDP settings with their defaults: port range, bind address, VPS image, KVM device, Windows start timeout', () => {
    const base = { WORKER_CLUSTER_TOKEN: 'cluster-token-shared-with-main-0001' };
    expect(loadWorkerConfig(base).rdp).toEqual({
      ports: { from: 23390, to: 23489 },
      bindHost: '0.0.0.0',
      linuxImage: 'vdi-linux-desktop:latest',
      kvmDevice: '/dev/kvm',
      windowsStartTimeoutMs: 900_000,
    });
    const set = loadWorkerConfig({
      ...base,
      WORKER_RDP_PORT_RANGE: '40000-40000',
      WORKER_RDP_BIND_HOST: '127.0.0.1',
      VPS_LINUX_IMAGE: 'registry.example.internal/vps:2',
      WORKER_KVM_DEVICE: '/dev/null',
      WINDOWS_START_TIMEOUT_SEC: '60',
    });
    expect(set.rdp).toEqual({
      ports: { from: 40000, to: 40000 },
      bindHost: '127.0.0.1',
      linuxImage: 'registry.example.internal/vps:2',
      kvmDevice: '/dev/null',
      windowsStartTimeoutMs: 60_000,
    });
  });

  it('refuses an RDP port range that is not a-b with 1024 ≤ a ≤ b ≤ 65535, and a bind address that is not an IP, naming the key', () => {
    const base = { WORKER_CLUSTER_TOKEN: 'cluster-token-shared-with-main-0001' };
    for (const bad of ['33890', '33989-33890', '80-90', '60000-70000', 'a-b', '33890-']) {
      expect(() => loadWorkerConfig({ ...base, WORKER_RDP_PORT_RANGE: bad }), bad).toThrow(/WORKER_RDP_PORT_RANGE/);
    }
    expect(loadWorkerConfig({ ...base, WORKER_RDP_PORT_RANGE: '1024-65535' }).rdp.ports).toEqual({ from: 1024, to: 65535 });
    expect(() => loadWorkerConfig({ ...base, WORKER_RDP_BIND_HOST: 'everywhere' })).toThrow(/WORKER_RDP_BIND_HOST/);
    expect(() => loadWorkerConfig({ ...base, WORKER_KVM_DEVICE: 'kvm' })).toThrow(/WORKER_KVM_DEVICE/);
  });

  it("takes session networks' subnets from WORKER_SESSION_SUBNETS when set (a CIDR of /28 or larger), else from Docker's pools", () => {
    const base = { WORKER_CLUSTER_TOKEN: 'cluster-token-shared-with-main-0001' };
    expect(loadWorkerConfig(base).sessionSubnets).toBeNull();
    expect(loadWorkerConfig({ ...base, WORKER_SESSION_SUBNETS: '10.240.0.0/16' }).sessionSubnets).toBe('10.240.0.0/16');
    expect(() => loadWorkerConfig({ ...base, WORKER_SESSION_SUBNETS: '10.240.0.0/30' })).toThrow(/WORKER_SESSION_SUBNETS/);
    expect(() => loadWorkerConfig({ ...base, WORKER_SESSION_SUBNETS: 'ten' })).toThrow(/WORKER_SESSION_SUBNETS/);
  });
});
