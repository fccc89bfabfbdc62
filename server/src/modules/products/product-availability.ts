import type { EntityManager } from '@mikro-orm/postgresql';
import type { Product } from './product.entity.js';

/**
 * Fills each product's `available`: the free slots on the workers that can take it now. Judging
 * workers is placement's business; the placement module implements this, and the composition
 * root hands it to the products service, so products knows nothing of placement.
 */
export interface ProductAvailability {
  fill(em: EntityManager, products: Product[]): Promise<Product[]>;
}
