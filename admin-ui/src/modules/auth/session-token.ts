/** Where the signed-in person's access token is kept in the browser. */
const KEY = 'vdi.token';

export const sessionToken = {
  get: (): string | null => localStorage.getItem(KEY),
  set: (token: string): void => localStorage.setItem(KEY, token),
  clear: (): void => localStorage.removeItem(KEY),
};
