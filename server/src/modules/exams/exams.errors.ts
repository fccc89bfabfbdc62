import { type CodeOf, type CodeSubset, DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the exams module raises. */
export const ExamsErrorCode = {
  /** No exam with that id or code. */
  NOT_FOUND: ErrorCode.NOT_FOUND,
  /** The exam code is taken. */
  CONFLICT: ErrorCode.CONFLICT,
  /** The person is not on the exam's roster. */
  FORBIDDEN: ErrorCode.FORBIDDEN,
  /** The exam has ended. */
  EXAM_CLOSED: ErrorCode.EXAM_CLOSED,
} as const satisfies CodeSubset;

/** One of the codes above. */
export type ExamsErrorCode = CodeOf<typeof ExamsErrorCode>;

/** An error of the exams module. */
export class ExamsError extends DomainError<ExamsErrorCode> {}
