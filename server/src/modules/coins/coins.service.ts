import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../users/user.entity.js';
import { CoinEntryKind, CoinLedgerEntry } from './coin-ledger-entry.entity.js';
import { CoinsError, CoinsErrorCode } from './coins.errors.js';
import { CoinOp, type AdjustCoinsInput } from './coins.inputs.js';
import type { AuditService } from '../audit/audit.service.js';
import { isStaff, hasRole, type Viewer } from '../../shared/viewer.js';
import { Role } from '../../shared/role.js';
import { BadInputError, NotFoundError } from '../../shared/domain-error.js';
import { check } from '../../shared/validate.js';
import { cursors, toConnection, type ConnectionShape } from '../../shared/pagination.js';

/** Largest amount one operation may move, and the largest balance. */
export const MAX_COINS = 1_000_000_000;

/** One movement to write against a user whose row is locked. */
export interface LedgerMove {
  kind: CoinEntryKind;
  /** Computes the signed delta from the locked current balance. */
  delta: (balance: number) => number;
  reason?: string | null;
  actorId?: string | null;
  sessionId?: string | null;
  idempotencyKey?: string | null;
}

/**
 * Balances and the append-only ledger. Every movement locks the user's row, writes one ledger
 * entry and the new balance in the same transaction; the database CHECK keeps balances ≥ 0.
 */
export class CoinsService {
  constructor(private readonly audit: AuditService) {}

  /** ADD / SUB / SET by an admin, with a reason and an audit row. */
  async adjust(em: EntityManager, viewer: Viewer, input: AdjustCoinsInput): Promise<CoinLedgerEntry> {
    const userId = check.id('userId', input.userId);
    const reason = check.text('reason', input.reason, 500);
    const amount = check.int('amount', input.amount, input.op === CoinOp.SET ? 0 : 1, MAX_COINS);
    const key = input.idempotencyKey ? check.text('idempotencyKey', input.idempotencyKey, 128) : null;
    const kind = { [CoinOp.ADD]: CoinEntryKind.ADMIN_ADD, [CoinOp.SUB]: CoinEntryKind.ADMIN_SUB, [CoinOp.SET]: CoinEntryKind.ADMIN_SET }[input.op];
    const delta = (balance: number) => (input.op === CoinOp.ADD ? amount : input.op === CoinOp.SUB ? -amount : amount - balance);
    return em.transactional(async (tx) => {
      let replayed = false;
      const entry = await this.move(tx, userId, { kind, delta, reason, idempotencyKey: key, actorId: viewer?.kind === 'user' ? viewer.id : null }, (prior) => {
        if (prior.kind !== kind || (input.op !== CoinOp.SET && Math.abs(prior.delta) !== amount)) {
          throw new CoinsError(CoinsErrorCode.CONFLICT, 'This idempotency key was used for a different adjustment', { field: 'idempotencyKey' });
        }
        replayed = true;
      });
      if (!replayed)
        this.audit.record(tx, viewer, `coins.${input.op.toLowerCase()}`, 'user', userId, {
          amount,
          reason,
          delta: entry.delta,
          balanceAfter: entry.balanceAfter,
        });
      return entry;
    });
  }

  /**
   * Writes one movement; must run inside a transaction. With an idempotency key already used for
   * this user, returns the earlier entry after `onReplay` accepts it.
   */
  async move(tx: EntityManager, userId: string, m: LedgerMove, onReplay?: (prior: CoinLedgerEntry) => void): Promise<CoinLedgerEntry> {
    const user = await tx.findOne(User, { id: userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!user) throw new NotFoundError('User', userId);
    if (m.idempotencyKey) {
      const prior = await tx.findOne(CoinLedgerEntry, { user, idempotencyKey: m.idempotencyKey });
      if (prior) {
        onReplay?.(prior);
        return prior;
      }
    }
    const delta = m.delta(user.coinBalance);
    const balanceAfter = user.coinBalance + delta;
    if (balanceAfter < 0) {
      throw new CoinsError(CoinsErrorCode.INSUFFICIENT_COINS, `Balance ${user.coinBalance} is too low for ${-delta} coins`, {
        balance: user.coinBalance,
        required: -delta,
      });
    }
    if (balanceAfter > MAX_COINS) throw new BadInputError('amount', `the balance may not exceed ${MAX_COINS}`);
    user.coinBalance = balanceAfter;
    const entry = tx.create(CoinLedgerEntry, {
      user,
      delta,
      balanceAfter,
      kind: m.kind,
      reason: m.reason ?? null,
      actor: m.actorId ? tx.getReference(User, m.actorId) : null,
      sessionId: m.sessionId ?? null,
      idempotencyKey: m.idempotencyKey ?? null,
      createdAt: new Date(),
    });
    await tx.flush();
    return entry;
  }

  /**
   * A ledger page, newest first (by the entries' per-user sequence, the order the balance moved
   * in: each entry's balanceAfter is the next older one's plus its delta): one's own, or anyone's
   * for an admin.
   */
  async ledger(
    em: EntityManager,
    viewer: Viewer,
    userId: string | undefined,
    first: number | undefined,
    after: string | undefined,
  ): Promise<ConnectionShape<CoinLedgerEntry>> {
    if (viewer?.kind !== 'user') throw new CoinsError(CoinsErrorCode.FORBIDDEN, 'Only people have ledgers');
    const target = userId ? check.id('userId', userId) : viewer.id;
    if (target !== viewer.id && !hasRole(viewer, Role.ADMIN)) {
      throw new CoinsError(CoinsErrorCode.FORBIDDEN, isStaff(viewer) ? "Only admins read other people's ledgers" : 'You can only read your own ledger');
    }
    const size = cursors.size(first);
    const cursor = cursors.decode(after);
    const where = { user: target };
    const page = cursor ? { ...where, sequence: { $lt: cursorSequence(cursor.key) } } : where;
    const [rows, total] = await Promise.all([
      em.find(CoinLedgerEntry, page, { orderBy: { sequence: 'desc' }, limit: size + 1 }),
      em.count(CoinLedgerEntry, where),
    ]);
    return toConnection(rows, size, total, (e) => String(e.sequence));
  }
}

/** The sequence a ledger cursor holds; BAD_USER_INPUT for one that is not from this list. */
function cursorSequence(key: string): number {
  const n = Number(key);
  if (!Number.isSafeInteger(n) || n < 1) throw new BadInputError('after', 'is not a cursor from this ledger');
  return n;
}
