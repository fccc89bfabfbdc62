/** Labels that tie containers and networks to the cluster. */
export const LABELS = {
  managed: 'vdi.managed',
  session: 'vdi.session',
  worker: 'vdi.worker',
  route: 'vdi.route',
  pool: 'vdi.pool',
  sandbox: 'vdi.sandbox',
} as const;

/** A listed container's name (the engine lists it with a leading slash). */
export function nameOf(c: { Names: string[] }): string {
  return c.Names[0]!.replace(/^\//, '');
}
