import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { LinuxDesktop, Product, ProvisionAction, START_TIMEOUT_BOUNDS } from './product.entity.js';
import { ProductsError, ProductsErrorCode } from './products.errors.js';
import type { ProductInput } from './products.inputs.js';
import { parseNetworkPolicy } from './network-policy.js';
import { Worker } from '../workers/worker.entity.js';
import type { ProductAvailability } from './product-availability.js';
import type { AuditService } from '../audit/audit.service.js';
import { isStaff, type Viewer } from '../../shared/viewer.js';
import { BadInputError, NotFoundError } from '../../shared/domain-error.js';
import { check } from '../../shared/validate.js';
import type { ServerConfig } from '../../config/config.js';

const IMAGE_REF = /^[a-z0-9][a-z0-9._\-/:@]{0,254}$/i;

/** Products: what can be bought or handed out, with limits, network policy and eligible workers. */
export class ProductsService {
  constructor(
    private readonly config: ServerConfig,
    private readonly availability: ProductAvailability,
    private readonly audit: AuditService,
  ) {}

  /** Active products (all for staff when asked), each with its free slots now. */
  async list(em: EntityManager, viewer: Viewer, includeInactive: boolean): Promise<Product[]> {
    if (includeInactive && !isStaff(viewer)) throw new ProductsError(ProductsErrorCode.FORBIDDEN, 'Only admins and operators see inactive products');
    const products = await em.find(Product, includeInactive ? {} : { isActive: true }, { orderBy: { name: 'asc' }, populate: ['workers'] });
    return this.withAvailability(em, products);
  }

  async get(em: EntityManager, id: string): Promise<Product> {
    const product = await em.findOne(Product, { id: check.id('id', id) }, { populate: ['workers'] });
    if (!product) throw new NotFoundError('Product', id);
    return product;
  }

  async create(em: EntityManager, viewer: Viewer, input: ProductInput): Promise<Product> {
    const product = em.create(Product, this.fields(input));
    this.audit.record(em, viewer, 'product.create', 'product', product.id, { name: product.name });
    await this.flush(em, product.name);
    return (await this.withAvailability(em, [product]))[0]!;
  }

  /** Replaces every field from the input (omitted limits go back to defaults). */
  async update(em: EntityManager, viewer: Viewer, id: string, input: ProductInput): Promise<Product> {
    const product = await this.get(em, id);
    em.assign(product, this.fields(input));
    this.audit.record(em, viewer, 'product.update', 'product', product.id, { name: product.name });
    await this.flush(em, product.name);
    return (await this.withAvailability(em, [product]))[0]!;
  }

  /** Sets the workers that may run this product; an empty list means every worker. */
  async setWorkers(em: EntityManager, viewer: Viewer, productId: string, workerIds: string[]): Promise<Product> {
    if (workerIds.length > 1000) throw new BadInputError('workerIds', 'at most 1,000 workers');
    const ids = [...new Set(workerIds.map((w) => check.id('workerIds', w)))];
    const product = await this.get(em, productId);
    const workers = ids.length ? await em.find(Worker, { id: { $in: ids } }) : [];
    const missing = ids.filter((i) => !workers.some((w) => w.id === i));
    if (missing.length) throw new NotFoundError('Worker', missing.join(', '));
    product.workers.set(workers);
    this.audit.record(em, viewer, 'product.setWorkers', 'product', product.id, { workerIds: ids });
    await em.flush();
    return (await this.withAvailability(em, [product]))[0]!;
  }

  /** Fills `available`: free slots over the workers that can take each product now (placement judges them). */
  withAvailability(em: EntityManager, products: Product[]): Promise<Product[]> {
    return this.availability.fill(em, products);
  }

  private fields(input: ProductInput) {
    const image = input.image?.trim() || null;
    if (image && !IMAGE_REF.test(image)) throw new BadInputError('image', 'is not a container image reference');
    return {
      name: check.text('name', input.name, 128),
      priceCoins: check.int('priceCoins', input.priceCoins, 0, 1_000_000_000),
      provisionAction: input.provisionAction,
      image,
      cpus: check.number('cpus', input.cpus ?? this.config.capacityDefaults.vmCpus, 0.1, 64),
      memoryMb: check.int('memoryMb', input.memoryMb ?? this.config.capacityDefaults.vmMemoryMb, 64, 1_048_576),
      shmMb: check.int('shmMb', input.shmMb ?? 512, 0, 65_536),
      durationMinutes: check.int('durationMinutes', input.durationMinutes ?? 0, 0, 525_600),
      isActive: input.isActive ?? true,
      browserUrl: input.browserUrl ? check.url('browserUrl', input.browserUrl) : null,
      network: parseNetworkPolicy(input.network),
      ...desktopKind(input),
    };
  }

  private async flush(em: EntityManager, name: string): Promise<void> {
    try {
      await em.flush();
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException)
        throw new ProductsError(ProductsErrorCode.CONFLICT, `A product named "${name}" exists`, { field: 'name' });
      throw err;
    }
  }
}

/**
 * Which desktop the product gives, whether its user may sudo and how long it may take to start.
 * A DESKTOP is a LINUX product's choice; sudo is for VPS desktops (LINUX DESKTOP, WINDOWS), never
 * for the exam kiosk or the test image.
 */
function desktopKind(input: ProductInput): Pick<Product, 'linuxDesktop' | 'allowSudo' | 'startTimeoutSeconds'> {
  const linuxDesktop = input.linuxDesktop ?? LinuxDesktop.KIOSK;
  if (linuxDesktop === LinuxDesktop.DESKTOP && input.provisionAction !== ProvisionAction.LINUX)
    throw new BadInputError('linuxDesktop', `DESKTOP is for LINUX products only; a ${input.provisionAction} product leaves it out (or KIOSK)`);
  const vps = input.provisionAction === ProvisionAction.WINDOWS || linuxDesktop === LinuxDesktop.DESKTOP;
  const allowSudo = input.allowSudo ?? false;
  if (allowSudo && !vps)
    throw new BadInputError(
      'allowSudo',
      input.provisionAction === ProvisionAction.LINUX
        ? 'sudo is not allowed on the exam kiosk (linuxDesktop KIOSK); use linuxDesktop DESKTOP for a VPS desktop'
        : 'sudo is for VPS desktops only (LINUX with linuxDesktop DESKTOP, or WINDOWS)',
    );
  const { min, max } = START_TIMEOUT_BOUNDS;
  const startTimeoutSeconds = input.startTimeoutSeconds == null ? null : check.int('startTimeoutSeconds', input.startTimeoutSeconds, min, max);
  return { linuxDesktop, allowSudo, startTimeoutSeconds };
}
