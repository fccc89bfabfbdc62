import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Exam } from './exam.entity.js';
import { ExamsError, ExamsErrorCode } from './exams.errors.js';
import type { ExamInput } from './exams.inputs.js';
import type { RosterCredential, RosterImportResult } from './exams.types.js';
import { parseRoster, rosterError } from './roster-csv.js';
import { Product } from '../products/product.entity.js';
import { User } from '../users/user.entity.js';
import { Role } from '../../shared/role.js';
import type { PasswordHasher } from '../users/password-hasher.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Viewer } from '../../shared/viewer.js';
import { BadInputError } from '../../shared/domain-error.js';
import { check } from '../../shared/validate.js';
import { pgArray } from '../../db/pg-array.js';

const CODE = /^[A-Za-z0-9._-]{1,64}$/;

/** Exams and their rosters. */
export class ExamsService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly prewarmMax: number,
  ) {}

  /** Creates an exam of an active product; CONFLICT when the code is taken. */
  async create(em: EntityManager, viewer: Viewer, input: ExamInput): Promise<Exam> {
    const fields = await this.validate(em, input);
    const exam = em.create(Exam, { ...fields, createdAt: new Date() });
    this.audit.record(em, viewer, 'exam.create', 'exam', exam.id, {
      code: fields.code,
      productId: fields.product.id,
      expected: fields.expectedCandidates,
      prewarmTarget: exam.prewarmTarget,
    });
    await this.flushUnique(em, fields.code);
    return exam;
  }

  /**
   * Changes an exam (code, name, product, window, expected candidates, warm target) with the
   * rules of `create`; NOT_FOUND for an unknown id, CONFLICT when the new code is taken.
   */
  async update(em: EntityManager, viewer: Viewer, id: string, input: ExamInput): Promise<Exam> {
    const exam = await this.get(em, id);
    const fields = await this.validate(em, input);
    em.assign(exam, fields);
    this.audit.record(em, viewer, 'exam.update', 'exam', exam.id, {
      code: fields.code,
      productId: fields.product.id,
      expected: fields.expectedCandidates,
      prewarmTarget: exam.prewarmTarget,
    });
    await this.flushUnique(em, fields.code);
    return exam;
  }

  /** The stored fields an input means, or BAD_USER_INPUT naming the first bad field. */
  private async validate(em: EntityManager, input: ExamInput) {
    const code = input.code.trim();
    if (!CODE.test(code)) throw new BadInputError('code', 'use 1 to 64 letters, digits or . _ -');
    const name = check.text('name', input.name, 200);
    const product = await em.findOne(Product, { id: check.id('productId', input.productId), isActive: true });
    if (!product) throw new BadInputError('productId', 'names no active product');
    if (!(input.startsAt instanceof Date) || Number.isNaN(input.startsAt.getTime())) throw new BadInputError('startsAt', 'must be a date-time');
    if (!(input.endsAt > input.startsAt)) throw new BadInputError('endsAt', 'must be after startsAt');
    const expectedCandidates = check.int('expectedCandidates', input.expectedCandidates, 0, 100_000);
    const target = check.int('prewarmTarget', input.prewarmTarget ?? 0, 0, 100_000);
    return { code, name, product, startsAt: input.startsAt, endsAt: input.endsAt, expectedCandidates, prewarmTarget: Math.min(target, this.prewarmMax) };
  }

  /** Flushes; a taken exam code is CONFLICT on field `code`. */
  private async flushUnique(em: EntityManager, code: string): Promise<void> {
    try {
      await em.flush();
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) throw new ExamsError(ExamsErrorCode.CONFLICT, `Exam code "${code}" is taken`, { field: 'code' });
      throw err;
    }
  }

  /** Every exam, newest start first. */
  list(em: EntityManager): Promise<Exam[]> {
    return em.find(Exam, {}, { orderBy: { startsAt: 'desc', code: 'asc' }, populate: ['product'], limit: 1000 });
  }

  /** An exam by id; NOT_FOUND otherwise. */
  async get(em: EntityManager, id: string): Promise<Exam> {
    const exam = await em.findOne(Exam, { id: check.id('examId', id) }, { populate: ['product'] });
    if (!exam) throw new ExamsError(ExamsErrorCode.NOT_FOUND, `Exam ${id} not found`, { id });
    return exam;
  }

  /**
   * Imports a roster from CSV (`username[,password]`, header optional): new CANDIDATE accounts
   * for unknown usernames (the given password or a generated one, returned once), existing
   * candidates put on the roster as they are. All or nothing: a bad line stores nothing.
   */
  async importRoster(em: EntityManager, viewer: Viewer, examId: string, csv: string): Promise<RosterImportResult> {
    const exam = await this.get(em, examId);
    const rows = parseRoster(csv);
    const existing = new Map((await em.find(User, { username: { $in: rows.map((r) => r.username) } })).map((u) => [u.username, u]));
    const notCandidates = rows.flatMap((r) => {
      const u = existing.get(r.username);
      return u && u.role !== Role.CANDIDATE ? [{ line: r.line, message: `"${r.username}" is a ${u.role} account, not a candidate` }] : [];
    });
    if (notCandidates.length > 0) throw rosterError(notCandidates);
    // Hash outside the transaction: argon2 is slow on purpose.
    const credentials: RosterCredential[] = [];
    const fresh: { username: string; hash: string }[] = [];
    for (const r of rows) {
      if (existing.has(r.username)) {
        credentials.push({ username: r.username, password: null, created: false });
        continue;
      }
      const password = r.password ?? randomBytes(9).toString('base64url');
      fresh.push({ username: r.username, hash: await this.hasher.hash(password) });
      credentials.push({ username: r.username, password, created: true });
    }
    const { added, already } = await em.transactional(async (tx) => {
      for (const f of fresh)
        tx.create(User, { username: f.username, passwordHash: f.hash, role: Role.CANDIDATE, coinBalance: 0, disabled: false, createdAt: new Date() });
      try {
        await tx.flush();
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException)
          throw new ExamsError(ExamsErrorCode.CONFLICT, 'An account of this roster was created meanwhile; import again', { field: 'csv' });
        throw err;
      }
      const ids = (await tx.find(User, { username: { $in: rows.map((r) => r.username) } }, { fields: ['id'] })).map((u) => u.id);
      const inserted: { n: string }[] = await tx.execute(
        `with ins as (insert into exam_candidates (id, exam_id, user_id, created_at)
           select gen_random_uuid(), ?, u, now() from unnest(?::uuid[]) u
           on conflict (exam_id, user_id) do nothing returning 1) select count(*) as n from ins`,
        [exam.id, pgArray(ids)],
      );
      const n = Number(inserted[0]?.n ?? 0);
      this.audit.record(tx, viewer, 'exam.roster.import', 'exam', exam.id, { rows: rows.length, created: fresh.length, added: n });
      return { added: n, already: ids.length - n };
    });
    return { exam, added, alreadyOnRoster: already, candidates: credentials };
  }
}
