import type { LinuxDesktop, ProductInput, ProvisionAction } from '../../gql/graphql';
import { listProblems, type RuleKind, type RuleProblem, ruleProblem } from './network-rules';

/** Everything the product form edits, as the inputs hold it. */
export interface ProductFormValues {
  name: string;
  provisionAction: ProvisionAction;
  /** LINUX only: the exam kiosk or a VPS desktop. */
  linuxDesktop: LinuxDesktop;
  /** VPS desktops only (LINUX DESKTOP, WINDOWS). */
  allowSudo: boolean;
  /** Seconds; empty = the worker's default for the kind. */
  startTimeoutSeconds: number | string;
  priceCoins: number | string;
  image: string;
  cpus: number | string;
  memoryMb: number | string;
  shmMb: number | string;
  durationMinutes: number | string;
  browserUrl: string;
  isActive: boolean;
  restrictInternet: boolean;
  allowedDomains: string[];
  allowedCidrs: string[];
  allowedIps: string[];
  originIp: string;
  strict: boolean;
  workerIds: string[];
}

/** A stored product as the form needs it (the fields of `ProductForm_product`). */
export interface ProductLike {
  name: string;
  provisionAction: ProvisionAction;
  linuxDesktop: LinuxDesktop;
  allowSudo: boolean;
  startTimeoutSeconds?: number | null;
  priceCoins: number;
  image?: string | null;
  cpus: number;
  memoryMb: number;
  shmMb: number;
  durationMinutes: number;
  browserUrl?: string | null;
  isActive: boolean;
  network: { restrictInternet: boolean; allowedDomains: string[]; allowedCidrs: string[]; allowedIps: string[]; originIp?: string | null; strict: boolean };
  eligibleWorkers?: readonly { id: string }[] | null;
}

/** A new product starts with the seed defaults (1.5 CPUs, 2048 MiB, 512 MiB shm, no expiry), unrestricted. */
export const NEW_PRODUCT: ProductFormValues = {
  name: '',
  provisionAction: 'LINUX',
  linuxDesktop: 'KIOSK',
  allowSudo: false,
  startTimeoutSeconds: '',
  priceCoins: 0,
  image: '',
  cpus: 1.5,
  memoryMb: 2048,
  shmMb: 512,
  durationMinutes: 0,
  browserUrl: '',
  isActive: true,
  restrictInternet: false,
  allowedDomains: [],
  allowedCidrs: [],
  allowedIps: [],
  originIp: '',
  strict: true,
  workerIds: [],
};

/** The form's values for a stored product. */
export function toFormValues(p: ProductLike): ProductFormValues {
  return {
    name: p.name,
    provisionAction: p.provisionAction,
    linuxDesktop: p.linuxDesktop,
    allowSudo: p.allowSudo,
    startTimeoutSeconds: p.startTimeoutSeconds ?? '',
    priceCoins: p.priceCoins,
    image: p.image ?? '',
    cpus: p.cpus,
    memoryMb: p.memoryMb,
    shmMb: p.shmMb,
    durationMinutes: p.durationMinutes,
    browserUrl: p.browserUrl ?? '',
    isActive: p.isActive,
    restrictInternet: p.network.restrictInternet,
    allowedDomains: [...p.network.allowedDomains],
    allowedCidrs: [...p.network.allowedCidrs],
    allowedIps: [...p.network.allowedIps],
    originIp: p.network.originIp ?? '',
    strict: p.network.strict,
    workerIds: (p.eligibleWorkers ?? []).map((w) => w.id),
  };
}

const num = (v: number | string): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : v === '' ? null : Number(v));

/** Start timeout bounds the server takes, in seconds. */
export const START_TIMEOUT = { min: 10, max: 7200 } as const;

/** A VPS desktop (RDP, and sudo may be allowed): a LINUX DESKTOP or a WINDOWS machine. */
export function isVpsDesktop(v: Pick<ProductFormValues, 'provisionAction' | 'linuxDesktop'>): boolean {
  return v.provisionAction === 'WINDOWS' || (v.provisionAction === 'LINUX' && v.linuxDesktop === 'DESKTOP');
}

/**
 * The `ProductInput` the server takes (updateProduct replaces every field, so all are sent).
 * Settings hidden for the chosen kind are sent as their defaults, so a kind change never carries a
 * stale one the server would refuse (a kiosk with sudo).
 */
export function toProductInput(v: ProductFormValues): ProductInput {
  return {
    name: v.name.trim(),
    provisionAction: v.provisionAction,
    linuxDesktop: v.provisionAction === 'LINUX' ? v.linuxDesktop : null,
    allowSudo: isVpsDesktop(v) && v.allowSudo,
    startTimeoutSeconds: num(v.startTimeoutSeconds),
    priceCoins: num(v.priceCoins) ?? 0,
    image: v.image.trim() || null,
    cpus: num(v.cpus),
    memoryMb: num(v.memoryMb),
    shmMb: num(v.shmMb),
    durationMinutes: num(v.durationMinutes),
    browserUrl: v.browserUrl.trim() || null,
    isActive: v.isActive,
    network: {
      restrictInternet: v.restrictInternet,
      allowedDomains: v.allowedDomains,
      allowedCidrs: v.allowedCidrs,
      allowedIps: v.allowedIps,
      originIp: v.originIp.trim() || null,
      strict: v.strict,
    },
  };
}

/** Problems the form marks before submit, per network field: each bad entry and why. */
export interface NetworkProblems {
  allowedDomains: { value: string; problem: RuleProblem }[];
  allowedCidrs: { value: string; problem: RuleProblem }[];
  allowedIps: { value: string; problem: RuleProblem }[];
  originIp: RuleProblem | null;
}

/** Every bad network entry in the form. */
export function networkProblems(v: ProductFormValues): NetworkProblems {
  return {
    allowedDomains: listProblems('domain', v.allowedDomains),
    allowedCidrs: listProblems('cidr', v.allowedCidrs),
    allowedIps: listProblems('ip', v.allowedIps),
    originIp: v.originIp.trim() ? ruleProblem('ip', v.originIp) : null,
  };
}

/** True when the form has nothing the server would refuse for its shape. */
export function formIsValid(v: ProductFormValues, typing: Partial<Record<RuleKind, string>> = {}): boolean {
  const p = networkProblems(v);
  const typingBad = Object.entries(typing).some(([kind, text]) => text?.trim() && ruleProblem(kind as RuleKind, text));
  const timeout = num(v.startTimeoutSeconds);
  return (
    v.name.trim().length > 0 &&
    num(v.priceCoins) !== null &&
    (timeout === null || (Number.isInteger(timeout) && timeout >= START_TIMEOUT.min && timeout <= START_TIMEOUT.max)) &&
    !typingBad &&
    !p.allowedDomains.length &&
    !p.allowedCidrs.length &&
    !p.allowedIps.length &&
    !p.originIp
  );
}
