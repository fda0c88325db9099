import type Database from 'better-sqlite3';
import type { FieldReader } from './fields';

export interface KnownBorrower {
  /** The borrower's jurisdiction code, null when the tape row gave an invalid one. */
  jurisdiction: string | null;
}

/**
 * Answers "is this borrower / account known?" for the tape's cross-file references: known means
 * in this tape or already in the database (a tape may add phones or payments to loans imported
 * earlier). Database answers are cached, since a loan is referred to by many rows.
 */
export class References {
  readonly tapeBorrowers = new Map<string, KnownBorrower>();
  readonly tapeAccounts = new Set<string>();
  /** False when borrowers.csv / loans.csv could not be read whole (see TapeCsv.complete). */
  borrowersComplete = true;
  loansComplete = true;

  private readonly dbBorrowers = new Map<string, KnownBorrower | null>();
  private readonly dbAccounts = new Map<string, boolean>();
  private readonly borrowerQuery: Database.Statement<[string], { jurisdiction: string }>;
  private readonly accountQuery: Database.Statement<[string], { found: number }>;

  constructor(sqlite: Database.Database) {
    this.borrowerQuery = sqlite.prepare('SELECT jurisdiction FROM borrowers WHERE external_id = ?');
    this.accountQuery = sqlite.prepare('SELECT 1 AS found FROM loans WHERE account_number = ?');
  }

  borrower(externalId: string): KnownBorrower | null {
    const inTape = this.tapeBorrowers.get(externalId);
    if (inTape) return inTape;
    let inDb = this.dbBorrowers.get(externalId);
    if (inDb === undefined) {
      const row = this.borrowerQuery.get(externalId);
      inDb = row ? { jurisdiction: row.jurisdiction } : null;
      this.dbBorrowers.set(externalId, inDb);
    }
    return inDb;
  }

  hasAccount(accountNumber: string): boolean {
    if (this.tapeAccounts.has(accountNumber)) return true;
    let inDb = this.dbAccounts.get(accountNumber);
    if (inDb === undefined) {
      inDb = this.accountQuery.get(accountNumber) !== undefined;
      this.dbAccounts.set(accountNumber, inDb);
    }
    return inDb;
  }

  /**
   * Reads a required borrower_id that must be known. `known` is null when the borrower was not
   * found but borrowers.csv could not be read whole, so no verdict is possible.
   */
  requireBorrower(reader: FieldReader, column: string): { externalId: string; known: KnownBorrower | null } | undefined {
    const externalId = reader.required(column);
    if (externalId === undefined) return undefined;
    const known = this.borrower(externalId);
    if (!known && this.borrowersComplete) return reader.fail(`${column} "${externalId}" is not in borrowers.csv or the database`);
    return { externalId, known };
  }

  /** Reads a required account_number that must be known. */
  requireAccount(reader: FieldReader, column: string): string | undefined {
    const accountNumber = reader.required(column);
    if (accountNumber === undefined) return undefined;
    if (!this.hasAccount(accountNumber) && this.loansComplete) return reader.fail(`${column} "${accountNumber}" is not in loans.csv or the database`);
    return accountNumber;
  }
}

/**
 * Finds rows repeating a key within one file. Returns false (after recording the issue) for a
 * repeat, naming the line of the first occurrence.
 */
export class UniqueKeys {
  private readonly firstLine = new Map<string, number>();

  constructor(private readonly description: string) {}

  claim(reader: FieldReader, parts: readonly (string | number)[]): boolean {
    const key = parts.join('\u001f');
    const first = this.firstLine.get(key);
    if (first !== undefined) {
      reader.fail(`duplicate ${this.description} ${parts.map((part) => `"${part}"`).join(' / ')} (first on line ${first})`);
      return false;
    }
    this.firstLine.set(key, reader.line);
    return true;
  }
}
