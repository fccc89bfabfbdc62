import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A desktop ticket that was redeemed, kept until it would have expired anyway: the row's primary
 * key makes a ticket single-use across every replica on the database (insert-or-refuse).
 */
@Entity({ tableName: 'used_display_tickets' })
@Index({ properties: ['expiresAt'] })
export class UsedDisplayTicket {
  /** The ticket's `jti`. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** When the ticket expires; the row is swept after that. */
  @Property({ type: 'datetime' })
  expiresAt!: Date;
}
