import { Field, Float, InputType, Int } from 'type-graphql';
import { LinuxDesktop, ProvisionAction, START_TIMEOUT_BOUNDS } from './product.entity.js';

/** Egress rules (the EXAM_* keys). */
@InputType({ description: "Egress rules of a product's desktops" })
export class NetworkPolicyInput {
  @Field(() => Boolean, { description: 'Drop all outbound traffic except what is listed (EXAM_RESTRICT_INTERNET)' })
  restrictInternet!: boolean;
  @Field(() => [String], { nullable: true, description: 'Domains to allow, like exam.school.edu or *.school.edu (up to 256)' })
  allowedDomains?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'CIDR ranges to allow, like 203.0.113.0/24 (up to 256)' })
  allowedCidrs?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Single IPv4/IPv6 addresses to allow (up to 256)' })
  allowedIps?: string[] | null;
  @Field(() => String, { nullable: true, description: 'The exam site origin address (EXAM_ORIGIN_IP)' })
  originIp?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Fail closed when rules cannot be applied (EXAM_FIREWALL_ENFORCE_STRICT, default true)' })
  strict?: boolean | null;
}

/** A product; omitted limits take the seed defaults. */
@InputType({ description: 'A product; omitted limits take the seed defaults (1.5 CPUs, 2048 MiB, 512 MiB shm, no expiry)' })
export class ProductInput {
  @Field(() => String, { description: 'Unique display name, 1 to 128 characters' })
  name!: string;
  @Field(() => Int, { description: 'Coins charged per desktop, 0 to 1,000,000,000' })
  priceCoins!: number;
  @Field(() => ProvisionAction, { description: 'What the worker provisions' })
  provisionAction!: ProvisionAction;
  @Field(() => String, { nullable: true, description: 'Container image, like sot-exam-linux:latest' })
  image?: string | null;
  @Field(() => Float, { nullable: true, description: 'CPU limit per desktop, 0.1 to 64' })
  cpus?: number | null;
  @Field(() => Int, { nullable: true, description: 'Memory limit per desktop in MiB, 64 to 1,048,576' })
  memoryMb?: number | null;
  @Field(() => Int, { nullable: true, description: 'Shared memory per desktop in MiB, 0 to 65,536' })
  shmMb?: number | null;
  @Field(() => Int, { nullable: true, description: 'Lifetime in minutes (0 = no expiry), up to 525,600' })
  durationMinutes?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Can be bought or used by exams (default true)' })
  isActive?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Kiosk browser start page (EXAM_BROWSER_URL)' })
  browserUrl?: string | null;
  @Field(() => NetworkPolicyInput, { nullable: true, description: 'Egress rules (default: unrestricted)' })
  network?: NetworkPolicyInput | null;
  @Field(() => LinuxDesktop, { nullable: true, description: 'LINUX only: KIOSK (the exam kiosk, default) or DESKTOP (a VPS desktop with RDP)' })
  linuxDesktop?: LinuxDesktop | null;
  @Field(() => Boolean, { nullable: true, description: "The desktop's user may use sudo (default false); VPS desktops only (LINUX DESKTOP or WINDOWS)" })
  allowSudo?: boolean | null;
  @Field(() => Int, {
    nullable: true,
    description: `Seconds a desktop may take to become ready, ${START_TIMEOUT_BOUNDS.min} to ${START_TIMEOUT_BOUNDS.max}; omitted = the worker's default for its kind`,
  })
  startTimeoutSeconds?: number | null;
}
