import { randomUUID } from 'node:crypto';
import { Collection, Entity, ManyToMany, PrimaryKey, Property, OptionalProps, Check, Enum } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Worker } from '../workers/worker.entity.js';

/** What a product provisions (1 = Linux, 2 = Windows, 3 = Test). */
export enum ProvisionAction {
  LINUX = 'LINUX',
  WINDOWS = 'WINDOWS',
  TEST = 'TEST',
}

registerEnumType(ProvisionAction, {
  name: 'ProvisionAction',
  description: 'What a product provisions (values 1 / 2 / 3 in the provision action)',
  valuesConfig: {
    LINUX: { description: 'A Linux desktop (provision action 1)' },
    WINDOWS: { description: 'A Windows machine (provision action 2)' },
    TEST: { description: 'The tiny test image that logs credentials and stays up (provision action 3)' },
  },
});

/** Which desktop a LINUX product gives: the locked-down exam kiosk, or a VPS desktop people log in to. */
export enum LinuxDesktop {
  KIOSK = 'KIOSK',
  DESKTOP = 'DESKTOP',
}

registerEnumType(LinuxDesktop, {
  name: 'LinuxDesktop',
  description: 'Which desktop a LINUX product gives',
  valuesConfig: {
    KIOSK: { description: 'The locked-down exam kiosk: one browser window on the exam site (the default)' },
    DESKTOP: { description: 'A VPS desktop: a normal Linux desktop session reachable over RDP (published host port) and in the browser viewer' },
  },
});

/** Bounds of a product's start timeout in seconds (a Windows VM's first boot can take many minutes). */
export const START_TIMEOUT_BOUNDS = { min: 10, max: 7200 } as const;

/** Egress rules of a product's desktops (the `EXAM_*` network keys). */
@ObjectType({ description: 'Egress rules of the desktops a product creates' })
export class NetworkPolicy {
  @Field(() => Boolean, { description: 'Drop all outbound traffic except what is listed (EXAM_RESTRICT_INTERNET)' })
  restrictInternet!: boolean;

  @Field(() => [String], { description: 'Domains resolved and allowed (EXAM_ALLOWED_DOMAINS)' })
  allowedDomains!: string[];

  @Field(() => [String], { description: 'CIDR ranges allowed (EXAM_ALLOWED_CIDRS)' })
  allowedCidrs!: string[];

  @Field(() => [String], { description: 'Single addresses allowed (EXAM_ALLOWED_IPS)' })
  allowedIps!: string[];

  @Field(() => String, { nullable: true, description: 'The exam site origin address (EXAM_ORIGIN_IP)' })
  originIp?: string | null;

  @Field(() => Boolean, { description: 'Fail the session closed if rules cannot be applied (EXAM_FIREWALL_ENFORCE_STRICT)' })
  strict!: boolean;
}

/** Something a user can buy or an exam can hand out: an image with its limits and network policy. */
@ObjectType({ description: 'A desktop offering: image, limits, price and network policy' })
@Entity({ tableName: 'products' })
@Check({ name: 'products_price_check', expression: 'price_coins >= 0' })
@Check({ name: 'products_limits_check', expression: '(cpus > (0)::double precision) AND (memory_mb > 0) AND (shm_mb >= 0) AND (duration_minutes >= 0)' })
@Check({ name: 'products_prewarm_target_check', expression: '(prewarm_target >= 0)' })
@Check({ name: 'products_linux_desktop_action_check', expression: "((linux_desktop)::text = 'KIOSK'::text) OR ((provision_action)::text = 'LINUX'::text)" })
@Check({
  name: 'products_allow_sudo_check',
  expression: "(NOT allow_sudo) OR ((provision_action)::text = 'WINDOWS'::text) OR ((linux_desktop)::text = 'DESKTOP'::text)",
})
@Check({
  name: 'products_start_timeout_check',
  expression: `(start_timeout_seconds IS NULL) OR ((start_timeout_seconds >= ${START_TIMEOUT_BOUNDS.min}) AND (start_timeout_seconds <= ${START_TIMEOUT_BOUNDS.max}))`,
})
export class Product {
  [OptionalProps]?: 'durationMinutes' | 'isActive' | 'prewarmTarget' | 'linuxDesktop' | 'allowSudo' | 'createdAt' | 'updatedAt' | 'available';

  @Field(() => ID, { description: 'Stable id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Unique display name' })
  @Property({ type: 'string', length: 128, unique: true })
  name!: string;

  @Field(() => Int, { description: 'Coins charged per desktop' })
  @Property({ type: 'integer' })
  priceCoins!: number;

  @Field(() => ProvisionAction, { description: 'What the worker provisions' })
  @Enum({ items: () => ProvisionAction, type: 'string', length: 16 })
  provisionAction!: ProvisionAction;

  @Field(() => String, { nullable: true, description: 'Container image; the worker default for the action when empty' })
  @Property({ type: 'text', nullable: true })
  image?: string | null;

  @Field(() => LinuxDesktop, { description: 'LINUX only: KIOSK (the exam kiosk) or DESKTOP (a VPS desktop with RDP); always KIOSK for other actions' })
  @Enum({ items: () => LinuxDesktop, type: 'string', length: 16, default: LinuxDesktop.KIOSK })
  linuxDesktop: LinuxDesktop = LinuxDesktop.KIOSK;

  @Field(() => Boolean, { description: "The desktop's user may use sudo (VPS desktops only: LINUX DESKTOP or WINDOWS)" })
  @Property({ type: 'boolean', default: false })
  allowSudo: boolean = false;

  @Field(() => Int, {
    nullable: true,
    description: `Seconds a desktop may take to become ready (${START_TIMEOUT_BOUNDS.min} to ${START_TIMEOUT_BOUNDS.max}); null = the worker's default for its kind`,
  })
  @Property({ type: 'integer', nullable: true })
  startTimeoutSeconds?: number | null;

  @Field(() => Float, { description: 'CPU limit per desktop' })
  @Property({ type: 'double' })
  cpus!: number;

  @Field(() => Int, { description: 'Memory limit per desktop in MiB' })
  @Property({ type: 'integer' })
  memoryMb!: number;

  @Field(() => Int, { description: 'Shared memory (/dev/shm) per desktop in MiB' })
  @Property({ type: 'integer' })
  shmMb!: number;

  @Field(() => Int, { description: 'Lifetime in minutes; 0 means no expiry' })
  @Property({ type: 'integer', default: 0 })
  durationMinutes: number = 0;

  @Field(() => String, { nullable: true, description: 'Kiosk browser start page (EXAM_BROWSER_URL)' })
  @Property({ type: 'text', nullable: true })
  browserUrl?: string | null;

  @Field(() => NetworkPolicy, { description: 'Egress rules of its desktops' })
  @Property({ type: 'json' })
  network!: NetworkPolicy;

  @Field(() => Boolean, { description: 'Only active products can be bought or used by exams' })
  @Property({ type: 'boolean', default: true })
  isActive: boolean = true;

  @Field(() => Int, { description: 'Product-wide warm desktops to keep ready for any exam of this product (set by prewarm without an exam)' })
  @Property({ type: 'integer', default: 0 })
  prewarmTarget: number = 0;

  @ManyToMany(() => Worker, undefined, { pivotTable: 'product_workers', joinColumn: 'product_id', inverseJoinColumn: 'worker_id' })
  workers = new Collection<Worker>(this);

  @Field(() => Date, { description: 'When the product was created' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: 'When the product last changed' })
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Derived by the service at read time; not stored. */
  @Field(() => Int, { description: 'Free slots on the workers that can take this product right now' })
  available: number = 0;
}
