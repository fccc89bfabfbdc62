import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000000_initial } from './Migration20261123000000_initial.js';
import { Migration20261123010000_worker_commands } from './Migration20261123010000_worker_commands.js';
import { Migration20261123020000_worker_slots } from './Migration20261123020000_worker_slots.js';
import { Migration20261123030000_allocation_attempts } from './Migration20261123030000_allocation_attempts.js';
import { Migration20261123040000_exams } from './Migration20261123040000_exams.js';
import { Migration20261123050000_worker_live_sessions } from './Migration20261123050000_worker_live_sessions.js';
import { Migration20261202146100_heartbeat_samples } from './Migration20261202146100_heartbeat_samples.js';
import { Migration20261202146200_wall_links } from './Migration20261202146200_wall_links.js';
import { Migration20261202146300_password_change_and_audit_order } from './Migration20261202146300_password_change_and_audit_order.js';
import { Migration20261202157300_ledger_sequence } from './Migration20261202157300_ledger_sequence.js';
import { Migration20261202158500_used_display_tickets } from './Migration20261202158500_used_display_tickets.js';
import { Migration20261202170000_vps_desktops_and_kvm } from './Migration20261202170000_vps_desktops_and_kvm.js';

/** Committed migrations in order; the schema is never synchronised at runtime. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123000000_initial', class: Migration20261123000000_initial },
  { name: 'Migration20261123010000_worker_commands', class: Migration20261123010000_worker_commands },
  { name: 'Migration20261123020000_worker_slots', class: Migration20261123020000_worker_slots },
  { name: 'Migration20261123030000_allocation_attempts', class: Migration20261123030000_allocation_attempts },
  { name: 'Migration20261123040000_exams', class: Migration20261123040000_exams },
  { name: 'Migration20261123050000_worker_live_sessions', class: Migration20261123050000_worker_live_sessions },
  { name: 'Migration20261202146100_heartbeat_samples', class: Migration20261202146100_heartbeat_samples },
  { name: 'Migration20261202146200_wall_links', class: Migration20261202146200_wall_links },
  { name: 'Migration20261202146300_password_change_and_audit_order', class: Migration20261202146300_password_change_and_audit_order },
  { name: 'Migration20261202157300_ledger_sequence', class: Migration20261202157300_ledger_sequence },
  { name: 'Migration20261202158500_used_display_tickets', class: Migration20261202158500_used_display_tickets },
  { name: 'Migration20261202170000_vps_desktops_and_kvm', class: Migration20261202170000_vps_desktops_and_kvm },
];
