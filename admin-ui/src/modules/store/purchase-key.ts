/**
 * A fresh idempotency key for one intended purchase. `crypto.getRandomValues` works on plain HTTP
 * too (LAN portals), where `crypto.randomUUID` does not exist.
 */
export function newPurchaseKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `buy-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
