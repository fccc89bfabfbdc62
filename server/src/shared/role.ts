import { registerEnumType } from 'type-graphql';

/**
 * Who a person is to the system. Part of the core: every module's `@Authorized` lists and the
 * auth checker speak it; the users module stores it on each person.
 */
export enum Role {
  ADMIN = 'ADMIN',
  OPERATOR = 'OPERATOR',
  USER = 'USER',
  CANDIDATE = 'CANDIDATE',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a person may do',
  valuesConfig: {
    ADMIN: { description: 'Everything: users, coins, products, workers, exams' },
    OPERATOR: { description: 'Exam-day operations: watch workers, drain, prewarm, reconcile' },
    USER: { description: 'A reseller customer: buys desktops with coins and sees only their own' },
    CANDIDATE: { description: 'An exam candidate: joins an exam and sees only their own desktop' },
  },
});
