-- Search as you type over names and companies, without scanning the book:
-- a trigram full-text index finds any substring of 3+ characters, and a
-- case-insensitive name index serves shorter prefixes and name order.
CREATE VIRTUAL TABLE prospect_search USING fts5(
    name, company,
    content = 'prospect', content_rowid = 'id',
    tokenize = 'trigram'
);
INSERT INTO prospect_search (prospect_search) VALUES ('rebuild');

CREATE TRIGGER prospect_search_insert AFTER INSERT ON prospect BEGIN
    INSERT INTO prospect_search (rowid, name, company) VALUES (new.id, new.name, new.company);
END;
CREATE TRIGGER prospect_search_delete AFTER DELETE ON prospect BEGIN
    INSERT INTO prospect_search (prospect_search, rowid, name, company)
    VALUES ('delete', old.id, old.name, old.company);
END;
CREATE TRIGGER prospect_search_update AFTER UPDATE OF name, company ON prospect BEGIN
    INSERT INTO prospect_search (prospect_search, rowid, name, company)
    VALUES ('delete', old.id, old.name, old.company);
    INSERT INTO prospect_search (rowid, name, company) VALUES (new.id, new.name, new.company);
END;

CREATE INDEX prospect_by_name ON prospect (name COLLATE NOCASE);
