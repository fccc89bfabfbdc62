/** Labels that tie containers and networks to the cluster. */
export const LABELS = { managed: 'vdi.managed', session: 'vdi.session', worker: 'vdi.worker', route: 'vdi.route', pool: 'vdi.pool', sandbox: 'vdi.sandbox' } as const;
