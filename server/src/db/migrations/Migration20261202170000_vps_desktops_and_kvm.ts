import { Migration } from '@mikro-orm/migrations';

/**
 * VPS desktops: a LINUX product says whether it gives the exam kiosk (every existing product, as
 * before) or a VPS desktop with RDP; whether its user may sudo (no, as before); and how long its
 * desktop may take to start (the worker's default, as before). Workers report KVM (unknown until
 * their next heartbeat, which placement treats as none for WINDOWS).
 */
export class Migration20261202170000_vps_desktops_and_kvm extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "products" add column "linux_desktop" text not null default 'KIOSK';`);
    this.addSql(`alter table "products" add column "allow_sudo" boolean not null default false;`);
    this.addSql(`alter table "products" add column "start_timeout_seconds" int null;`);
    this.addSql(`alter table "products" add constraint "products_linux_desktop_check" check (linux_desktop in ('KIOSK', 'DESKTOP'));`);
    this.addSql(
      `alter table "products" add constraint "products_linux_desktop_action_check" check (((linux_desktop)::text = 'KIOSK'::text) OR ((provision_action)::text = 'LINUX'::text));`,
    );
    this.addSql(
      `alter table "products" add constraint "products_allow_sudo_check" check ((NOT allow_sudo) OR ((provision_action)::text = 'WINDOWS'::text) OR ((linux_desktop)::text = 'DESKTOP'::text));`,
    );
    this.addSql(
      `alter table "products" add constraint "products_start_timeout_check" check ((start_timeout_seconds IS NULL) OR ((start_timeout_seconds >= 10) AND (start_timeout_seconds <= 7200)));`,
    );
    this.addSql(`alter table "workers" add column "kvm" boolean null;`);
  }
}
