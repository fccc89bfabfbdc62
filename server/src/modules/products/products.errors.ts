import { type CodeOf, type CodeSubset, DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the products module raises. */
export const ProductsErrorCode = {
  /** The product name is taken. */
  CONFLICT: ErrorCode.CONFLICT,
  /** A non-staff person asked for inactive products. */
  FORBIDDEN: ErrorCode.FORBIDDEN,
} as const satisfies CodeSubset;

/** One of the codes above. */
export type ProductsErrorCode = CodeOf<typeof ProductsErrorCode>;

/** An error of the products module. */
export class ProductsError extends DomainError<ProductsErrorCode> {}
