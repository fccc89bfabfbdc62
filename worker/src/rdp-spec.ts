import fs from 'node:fs';
import type { CreateSessionPayload } from '../../schema/worker-protocol.js';
import { LABELS } from './docker-driver-labels.js';
import type { DesktopSpec } from './docker-driver.js';

/** The two kinds of desktop reached over RDP: the VPS Linux desktop and a Windows VM in a container. */
export type RdpKind = 'LINUX' | 'WINDOWS';

/** Image labels the worker reads (linux-desktop/Dockerfile sets them; an operator's Windows image may). */
export const IMAGE_LABELS = {
  /** Capabilities the image's entrypoint needs, comma-separated (everything else is dropped). */
  capAdd: 'vdi.cap-add',
  /** The RDP port inside the container (default 3389). */
  rdpPort: 'vdi.rdp-port',
  /** The VNC port of the desktop's display inside the container. */
  displayPort: 'vdi.display-port',
} as const;

/** The VNC port when the image's label names none: the Linux image's Xvnc :1, QEMU's `-vnc :0` for a Windows VM. */
const DEFAULT_DISPLAY_PORT: Record<RdpKind, number> = { LINUX: 5901, WINDOWS: 5900 };

/**
 * Capabilities of a Windows VM image without a `vdi.cap-add` label: Docker's default set plus
 * NET_ADMIN, which is what dockur/windows is documented to run with (its entrypoint sets up the
 * VM's network with a tap device and NAT rules inside the container).
 */
export const WINDOWS_DEFAULT_CAPS = [
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'SETGID',
  'SETUID',
  'SETPCAP',
  'NET_BIND_SERVICE',
  'NET_RAW',
  'SYS_CHROOT',
  'MKNOD',
  'AUDIT_WRITE',
  'SETFCAP',
  'NET_ADMIN',
];

/** How long a Windows VM gets to shut its guest down on `docker stop` (dockur/windows' stop_grace_period). */
const WINDOWS_STOP_TIMEOUT_SEC = 120;

/** Memory left to QEMU and the container's own processes beside the guest's RAM. */
const VM_OVERHEAD_MB = 512;

/** Whether a create command asks for an RDP desktop, and which. */
export function rdpKindOf(p: CreateSessionPayload): RdpKind | null {
  if (p.provisionAction === 'WINDOWS') return 'WINDOWS';
  if (p.provisionAction === 'LINUX' && p.linuxDesktop === 'DESKTOP') return 'LINUX';
  return null;
}

/** KVM is usable when the device is a character device this process can open for reading and writing. */
export function kvmUsable(device: string): boolean {
  try {
    if (!fs.statSync(device).isCharacterDevice()) return false;
    fs.closeSync(fs.openSync(device, 'r+'));
    return true;
  } catch {
    return false;
  }
}

/** What the worker knows when it builds an RDP desktop's container. */
export interface RdpSpecInput {
  kind: RdpKind;
  payload: CreateSessionPayload;
  image: string;
  imageLabels: Record<string, string>;
  password: string;
  bindHost: string;
  kvmDevice: string;
  /** Labels and the egress hook every desktop gets (see commands.ts). */
  labels: Record<string, string>;
  beforeStart: DesktopSpec['beforeStart'];
}

/**
 * The container of an RDP desktop, its host port still to be chosen (`publish.hostPort` 0):
 * the session user's credentials in VDI_* (the linux-desktop contract) and, for a Windows VM,
 * in dockur/windows' USERNAME/PASSWORD with the product's CPUs and memory as the VM's; only the
 * image's `vdi.cap-add` capabilities; `no-new-privileges` unless the user may sudo; the KVM
 * device and /dev/net/tun only for WINDOWS.
 */
export function rdpDesktopSpec(i: RdpSpecInput): DesktopSpec {
  const p = i.payload;
  const windows = i.kind === 'WINDOWS';
  const capLabel = i.imageLabels[IMAGE_LABELS.capAdd];
  const caps = capLabel !== undefined ? list(capLabel) : windows ? WINDOWS_DEFAULT_CAPS : [];
  const displayPort = Number(i.imageLabels[IMAGE_LABELS.displayPort]) || DEFAULT_DISPLAY_PORT[i.kind];
  const sudo = !windows && p.allowSudo === true;
  return {
    sessionId: p.sessionId,
    image: i.image,
    cpus: p.cpus,
    memoryMb: p.memoryMb,
    shmMb: p.shmMb,
    env: {
      VDI_SESSION_ID: p.sessionId,
      VDI_USERNAME: p.username,
      VDI_PASSWORD: i.password,
      VDI_SUDO: String(sudo),
      ...(windows
        ? {
            USERNAME: p.username,
            PASSWORD: i.password,
            CPU_CORES: String(Math.max(1, Math.ceil(p.cpus))),
            RAM_SIZE: `${Math.max(256, p.memoryMb - VM_OVERHEAD_MB)}M`,
          }
        : {}),
    },
    capAdd: caps,
    ready: { port: Number(i.imageLabels[IMAGE_LABELS.rdpPort]) || 3389 },
    registryAuth: p.registryAuth ?? null,
    labels: { ...i.labels, [LABELS.displayPort]: String(displayPort) },
    beforeStart: i.beforeStart,
    publish: { containerPort: Number(i.imageLabels[IMAGE_LABELS.rdpPort]) || 3389, hostPort: 0, hostIp: i.bindHost },
    devices: windows
      ? [{ host: i.kvmDevice, container: '/dev/kvm' }, ...(fs.existsSync('/dev/net/tun') ? [{ host: '/dev/net/tun', container: '/dev/net/tun' }] : [])]
      : [],
    noNewPrivileges: !sudo,
    stopTimeoutSec: windows ? WINDOWS_STOP_TIMEOUT_SEC : undefined,
  };
}

function list(csv: string): string[] {
  return csv
    .split(',')
    .map((c) => c.trim().toUpperCase().replace(/^CAP_/, ''))
    .filter(Boolean);
}
