import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** One line of a session's log (provisioning steps and container output); bounded per session. */
@Entity({ tableName: 'session_log_lines' })
@Index({ properties: ['sessionId', 'id'] })
export class SessionLogLine {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  sessionId!: string;

  @Property({ type: 'text' })
  line!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
