import { User } from '../modules/users/user.entity.js';
import { CoinLedgerEntry } from '../modules/coins/coin-ledger-entry.entity.js';
import { Product } from '../modules/products/product.entity.js';
import { Worker } from '../modules/workers/worker.entity.js';
import { Session } from '../modules/sessions/session.entity.js';
import { AuditLog } from '../modules/audit/audit-log.entity.js';
import { WorkerCommand } from '../modules/workers/worker-command.entity.js';
import { SessionLogLine } from '../modules/sessions/session-log-line.entity.js';
import { WorkerSlot } from '../modules/placement/worker-slot.entity.js';
import { Exam } from '../modules/exams/exam.entity.js';
import { ExamCandidate } from '../modules/exams/exam-candidate.entity.js';
import { HeartbeatSample } from '../modules/workers/heartbeat-sample.entity.js';
import { WallLink } from '../modules/wall/wall-link.entity.js';
import { UsedDisplayTicket } from '../modules/display/used-display-ticket.entity.js';

/** Every entity, one per `modules/<domain>/*.entity.ts`. */
export const ENTITIES = [
  User,
  CoinLedgerEntry,
  Product,
  Worker,
  Session,
  AuditLog,
  WorkerCommand,
  SessionLogLine,
  WorkerSlot,
  Exam,
  ExamCandidate,
  HeartbeatSample,
  WallLink,
  UsedDisplayTicket,
];
