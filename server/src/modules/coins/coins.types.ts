import { CoinLedgerEntry } from './coin-ledger-entry.entity.js';
import { Connection } from '../../shared/pagination.js';

/** A page of ledger entries, newest first. */
export const CoinLedgerConnection = Connection('CoinLedgerEntry', CoinLedgerEntry);
export type CoinLedgerConnection = InstanceType<typeof CoinLedgerConnection>;
