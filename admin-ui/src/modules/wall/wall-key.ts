/**
 * The wall-link key of this tab. A TV opens `/wall?key=<secret>`; the key is kept in this tab's
 * sessionStorage (a reload keeps showing the wall) and never where the signed-in person's token
 * lives, so no other page ever runs with it.
 */
const KEY = 'vdi.wall-key';

export const wallKey = {
  get(): string | null {
    try {
      return sessionStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  set(key: string): void {
    try {
      sessionStorage.setItem(KEY, key);
    } catch {
      // Storage refused (private mode): the key still lives in memory for this page.
    }
  },
  clear(): void {
    try {
      sessionStorage.removeItem(KEY);
    } catch {
      // Nothing kept.
    }
  },
};

/** The key a wall opens with: `?key=` in the address (kept for reloads), else the one this tab kept. */
export function takeWallKey(search: string): string | null {
  const fromUrl = new URLSearchParams(search).get('key')?.trim();
  if (fromUrl) {
    wallKey.set(fromUrl);
    return fromUrl;
  }
  return wallKey.get();
}
