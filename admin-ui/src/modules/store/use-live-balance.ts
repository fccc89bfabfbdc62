import { useSubscription } from '@apollo/client';
import { graphql } from '../../gql';

/** The signed-in person with their balance; `id` + `__typename` update `me` in the cache, so the header follows. */
const MY_BALANCE = graphql(`
  subscription LiveBalance_myBalanceUpdated {
    myBalanceUpdated { id coinBalance }
  }
`);

/** Keeps the signed-in USER's balance live (purchases, refunds, admin adjustments) while `enabled`. */
export function useLiveBalance(enabled: boolean): void {
  useSubscription(MY_BALANCE, { skip: !enabled });
}
