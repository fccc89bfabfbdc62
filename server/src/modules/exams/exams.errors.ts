import { DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the exams module raises. */
export enum ExamsErrorCode {
  /** No exam with that id or code. */
  NOT_FOUND = ErrorCode.NOT_FOUND,
  /** The exam code is taken. */
  CONFLICT = ErrorCode.CONFLICT,
  /** The person is not on the exam's roster. */
  FORBIDDEN = ErrorCode.FORBIDDEN,
  /** The exam has ended. */
  EXAM_CLOSED = ErrorCode.EXAM_CLOSED,
}

/** An error of the exams module. */
export class ExamsError extends DomainError {
  constructor(code: ExamsErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code as unknown as ErrorCode, message, extensions);
  }
}
