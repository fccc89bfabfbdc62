import { type CodeOf, type CodeSubset, DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the display module raises. */
export const DisplayErrorCode = {
  /** No desktop the caller may open has that id. */
  NOT_FOUND: ErrorCode.NOT_FOUND,
  /** The desktop is not READY, or it is not a VNC desktop. */
  CONFLICT: ErrorCode.CONFLICT,
} as const satisfies CodeSubset;

/** One of the codes above. */
export type DisplayErrorCode = CodeOf<typeof DisplayErrorCode>;

/** An error of the display module. */
export class DisplayError extends DomainError<DisplayErrorCode> {}
