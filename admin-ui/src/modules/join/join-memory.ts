/** What the browser remembers of a candidate's seat, so a reload or a lost network returns to the same desktop. */
export interface JoinMemory {
  examCode: string;
  sessionId: string | null;
}

const key = (userId: string) => `vdi.join.${userId}`;

/** The remembered seat of this person in this browser (each person on a shared PC has their own). */
export const joinMemory = {
  get(userId: string): JoinMemory | null {
    try {
      const v = JSON.parse(localStorage.getItem(key(userId)) ?? 'null') as JoinMemory | null;
      return v && typeof v.examCode === 'string' && v.examCode ? v : null;
    } catch {
      return null;
    }
  },
  set(userId: string, memory: JoinMemory): void {
    localStorage.setItem(key(userId), JSON.stringify(memory));
  },
  clear(userId: string): void {
    localStorage.removeItem(key(userId));
  },
};
