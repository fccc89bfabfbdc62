/** Labels that tie containers and networks to the cluster. */
export const LABELS = {
  managed: 'vdi.managed',
  session: 'vdi.session',
  worker: 'vdi.worker',
  route: 'vdi.route',
  pool: 'vdi.pool',
  sandbox: 'vdi.sandbox',
  /** The host port an RDP desktop's port 3389 is published on (the port pool learns it back after a restart). */
  rdpHostPort: 'vdi.rdp-host-port',
  /** The VNC port the display gateway connects to inside the desktop (from the image, else by kind). */
  displayPort: 'vdi.display-port',
} as const;

/** A listed container's name (the engine lists it with a leading slash). */
export function nameOf(c: { Names: string[] }): string {
  return c.Names[0]!.replace(/^\//, '');
}
