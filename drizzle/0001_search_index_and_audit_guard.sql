-- Search by borrower name, account number or phone digits: one FTS5 row per loan, rowid = loans.rowid.
-- The trigram tokenizer matches any substring of three or more characters, so "5551234" finds
-- "+18685551234" and "smi" finds "Smith".
CREATE VIRTUAL TABLE `loan_search` USING fts5(`account_number`, `borrower_name`, `phones`, `loan_id` UNINDEXED, tokenize = 'trigram');
--> statement-breakpoint
CREATE TRIGGER `loan_search_after_loan_insert` AFTER INSERT ON `loans` BEGIN
  INSERT INTO `loan_search` (`rowid`, `account_number`, `borrower_name`, `phones`, `loan_id`)
  SELECT NEW.rowid, NEW.account_number, b.first_name || ' ' || b.last_name,
    (SELECT coalesce(group_concat(substr(p.e164, 2), ' '), '') FROM phones p WHERE p.borrower_id = NEW.borrower_id),
    NEW.id
  FROM borrowers b WHERE b.id = NEW.borrower_id;
END;
--> statement-breakpoint
CREATE TRIGGER `loan_search_after_loan_delete` AFTER DELETE ON `loans` BEGIN
  DELETE FROM `loan_search` WHERE `rowid` = OLD.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `loan_search_after_loan_update` AFTER UPDATE OF `account_number`, `borrower_id` ON `loans` BEGIN
  DELETE FROM `loan_search` WHERE `rowid` = OLD.rowid;
  INSERT INTO `loan_search` (`rowid`, `account_number`, `borrower_name`, `phones`, `loan_id`)
  SELECT NEW.rowid, NEW.account_number, b.first_name || ' ' || b.last_name,
    (SELECT coalesce(group_concat(substr(p.e164, 2), ' '), '') FROM phones p WHERE p.borrower_id = NEW.borrower_id),
    NEW.id
  FROM borrowers b WHERE b.id = NEW.borrower_id;
END;
--> statement-breakpoint
CREATE TRIGGER `loan_search_after_borrower_rename` AFTER UPDATE OF `first_name`, `last_name` ON `borrowers` BEGIN
  UPDATE `loan_search` SET `borrower_name` = NEW.first_name || ' ' || NEW.last_name
  WHERE `rowid` IN (SELECT rowid FROM loans WHERE borrower_id = NEW.id);
  UPDATE `cases` SET `borrower_name` = NEW.first_name || ' ' || NEW.last_name
  WHERE `loan_id` IN (SELECT id FROM loans WHERE borrower_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `loan_search_after_phone_insert` AFTER INSERT ON `phones` BEGIN
  UPDATE `loan_search` SET `phones` = (SELECT coalesce(group_concat(substr(p.e164, 2), ' '), '') FROM phones p WHERE p.borrower_id = NEW.borrower_id)
  WHERE `rowid` IN (SELECT rowid FROM loans WHERE borrower_id = NEW.borrower_id);
END;
--> statement-breakpoint
CREATE TRIGGER `loan_search_after_phone_update` AFTER UPDATE OF `e164` ON `phones` BEGIN
  UPDATE `loan_search` SET `phones` = (SELECT coalesce(group_concat(substr(p.e164, 2), ' '), '') FROM phones p WHERE p.borrower_id = NEW.borrower_id)
  WHERE `rowid` IN (SELECT rowid FROM loans WHERE borrower_id = NEW.borrower_id);
END;
--> statement-breakpoint
CREATE TRIGGER `loan_search_after_phone_delete` AFTER DELETE ON `phones` BEGIN
  UPDATE `loan_search` SET `phones` = (SELECT coalesce(group_concat(substr(p.e164, 2), ' '), '') FROM phones p WHERE p.borrower_id = OLD.borrower_id)
  WHERE `rowid` IN (SELECT rowid FROM loans WHERE borrower_id = OLD.borrower_id);
END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events` BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events` BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
