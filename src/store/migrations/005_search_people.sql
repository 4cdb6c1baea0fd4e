-- Search that finds people: any part of a name, company, e-mail address or
-- phone number, ignoring case and accents ("zoe" finds Zoë), and a
-- caller-ID lookup by the last digits of a number however it was typed.
--
-- phone_digits is the phone without its punctuation; a virtual column,
-- computed when read (by the index and its triggers), never stored twice.
ALTER TABLE prospect ADD COLUMN phone_digits TEXT GENERATED ALWAYS AS (
    replace(replace(replace(replace(replace(replace(replace(
        phone, '-', ''), ' ', ''), '(', ''), ')', ''), '.', ''), '+', ''), '/', '')
) VIRTUAL;

DROP TRIGGER prospect_search_insert;
DROP TRIGGER prospect_search_delete;
DROP TRIGGER prospect_search_update;
DROP TABLE prospect_search;

CREATE VIRTUAL TABLE prospect_search USING fts5(
    name, company, email, phone_digits,
    content = 'prospect', content_rowid = 'id',
    tokenize = 'trigram remove_diacritics 1'
);
INSERT INTO prospect_search (prospect_search) VALUES ('rebuild');

CREATE TRIGGER prospect_search_insert AFTER INSERT ON prospect BEGIN
    INSERT INTO prospect_search (rowid, name, company, email, phone_digits)
    VALUES (new.id, new.name, new.company, new.email, new.phone_digits);
END;
CREATE TRIGGER prospect_search_delete AFTER DELETE ON prospect BEGIN
    INSERT INTO prospect_search (prospect_search, rowid, name, company, email, phone_digits)
    VALUES ('delete', old.id, old.name, old.company, old.email, old.phone_digits);
END;
CREATE TRIGGER prospect_search_update AFTER UPDATE OF name, company, email, phone ON prospect
BEGIN
    INSERT INTO prospect_search (prospect_search, rowid, name, company, email, phone_digits)
    VALUES ('delete', old.id, old.name, old.company, old.email, old.phone_digits);
    INSERT INTO prospect_search (rowid, name, company, email, phone_digits)
    VALUES (new.id, new.name, new.company, new.email, new.phone_digits);
END;
