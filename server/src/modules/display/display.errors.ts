import { DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the display module raises. */
export enum DisplayErrorCode {
  /** No desktop the caller may open has that id. */
  NOT_FOUND = ErrorCode.NOT_FOUND,
  /** The desktop is not READY, or it is not a VNC desktop. */
  CONFLICT = ErrorCode.CONFLICT,
}

/** An error of the display module. */
export class DisplayError extends DomainError {
  constructor(code: DisplayErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code as unknown as ErrorCode, message, extensions);
  }
}
