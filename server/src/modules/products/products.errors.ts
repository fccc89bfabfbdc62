import { DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the products module raises. */
export enum ProductsErrorCode {
  /** The product name is taken. */
  CONFLICT = ErrorCode.CONFLICT,
  /** A non-staff person asked for inactive products. */
  FORBIDDEN = ErrorCode.FORBIDDEN,
}

/** An error of the products module. */
export class ProductsError extends DomainError {
  constructor(code: ProductsErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code as unknown as ErrorCode, message, extensions);
  }
}
