import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ServerConfig } from './config.js';

/** The shared secrets the control plane needs; generated once into the data folder when not set. */
export interface ServerSecrets {
  jwtSecret: string;
  guacTokenKey: string;
  clusterToken: string;
  /** Key for secrets kept at rest (desktop passwords). */
  encryptionKey: string;
  /** Keys that were generated on this start (so the operator can be told where they live). */
  generated: string[];
  file: string;
}

type Stored = Partial<Record<'JWT_SECRET' | 'GUAC_TOKEN_KEY' | 'WORKER_CLUSTER_TOKEN' | 'VDI_ENCRYPTION_KEY', string>>;

/**
 * Resolves secrets: the environment wins; otherwise a value kept in `<dataDir>/secrets.json`
 * (mode 0600), generated on first use and kept across restarts.
 */
export function resolveSecrets(config: ServerConfig): ServerSecrets {
  const file = path.join(config.dataDir, 'secrets.json');
  fs.mkdirSync(config.dataDir, { recursive: true });
  const stored: Stored = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Stored) : {};
  const generated: string[] = [];
  const pick = (key: keyof Stored, fromEnv: string | undefined): string => {
    if (fromEnv) return fromEnv;
    if (!stored[key]) {
      stored[key] = randomBytes(32).toString('base64url');
      generated.push(key);
    }
    return stored[key]!;
  };
  const secrets = {
    jwtSecret: pick('JWT_SECRET', config.jwtSecret),
    guacTokenKey: pick('GUAC_TOKEN_KEY', config.guacTokenKey),
    clusterToken: pick('WORKER_CLUSTER_TOKEN', config.clusterToken),
    encryptionKey: pick('VDI_ENCRYPTION_KEY', config.encryptionKey),
  };
  if (generated.length > 0) fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return { ...secrets, generated, file };
}
